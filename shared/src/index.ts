// Public surface of @tideboard/shared: the board schema, validated reading, pure ops and rules.

export { type ActivityAction, describeAction, describeCardChange } from './activity.js'
export {
  type ApprovalState,
  approvalFingerprint,
  approvalState,
  canDecide,
  type FunctionSignOff,
  requiredFunctions,
} from './approval.js'
export { type Board, type BoardMeta, readBoard, readCardsById, rereadCards } from './board.js'
export {
  BOARD_FILE_FORMAT,
  type BoardFile,
  BoardFileSchema,
  type Decision,
  DecisionSchema,
  exportBoardFile,
  importBoardFile,
  parseBoardFile,
} from './boardFile.js'
export { type BoardReader, createBoardReader } from './boardReader.js'
export { type CardOwner, cardOwners, ownerLabels } from './cardOwners.js'
export { CSV_COLUMNS, csvField, exportCsv } from './exportCsv.js'
export { exportMarkdown, markdownText } from './exportMarkdown.js'
export {
  type BoardFilter,
  cardMatcher,
  EMPTY_FILTER,
  filterFromQuery,
  filterToQuery,
  isFilterActive,
} from './filters.js'
export { type DecodedUpdate, type Touch, touchesOfUpdate } from './guard.js'
export { type IceScores, iceScore } from './ice.js'
export { MIGRATION_ORIGIN, MIGRATIONS, type Migration, migrate, SCHEMA_VERSION } from './migrations.js'
export { type AddCardArgs, addCard } from './ops/addCard.js'
export {
  addComment,
  type CommentAuthor,
  commentAuthorIn,
  deleteComment,
  editComment,
} from './ops/comments.js'
export { deleteCard } from './ops/deleteCard.js'
export { type CardPatch, editCard } from './ops/editCard.js'
export { initBoard } from './ops/initBoard.js'
export {
  addCheckIn,
  addKpi,
  deleteKpi,
  editKpi,
  type KpiInput,
  removeCheckIn,
  setNorthStar,
} from './ops/kpis.js'
export { type MoveCardArgs, moveCard } from './ops/moveCard.js'
export { newId } from './ops/newId.js'
export {
  addFunction,
  addPerson,
  boardFunctions,
  editPerson,
  type PersonInput,
  removePerson,
} from './ops/people.js'
export { type RestoreOptions, type RestoreSummary, restoreBoard } from './ops/restoreBoard.js'
export { writeApprovalRound, writeDecision, writeMember } from './ops/serverWrites.js'
export { type CardUpdate, updateCard } from './ops/updateCard.js'
export {
  compareOrdered,
  keyBetween,
  keyForIndex,
  keysInOrder,
  type Ordered,
  type Rekey,
} from './ordering.js'
export {
  CARD_KINDS,
  CARD_STATUSES,
  type Card,
  type CardKind,
  type CardStatus,
  MAX_TITLE_LENGTH,
} from './records/card.js'
export { type Comment, MAX_COMMENT_LENGTH } from './records/comment.js'
export {
  type ApprovalRound,
  type DecisionRecord,
  readApprovalRound,
  readDecision,
  type Verdict,
} from './records/decision.js'
export {
  emptyPlan,
  type HypothesisPlan,
  type HypothesisResult,
  OUTCOMES,
  type Outcome,
} from './records/hypothesis.js'
export type { CheckIn, Kpi } from './records/kpi.js'
export { type Member, ROLES, type Role } from './records/member.js'
export { compareFunctions, DEFAULT_FUNCTIONS, functionColor, type Person } from './records/person.js'
export { isPhase, PHASE_LABELS, PHASES, type Phase } from './records/phase.js'
export { DEFAULT_STAGES, type Stage } from './records/stage.js'
export { fail, ok, type Result } from './result.js'
export {
  newRichText,
  PLAN_TEXT_FIELDS,
  type PlanTextField,
  richTextOf,
  setRichText,
} from './richText.js'
export {
  type KpiCredit,
  type KpiNode,
  type KpiProgress,
  kpiCredit,
  kpiProgress,
  kpiSubtree,
  kpiTree,
} from './rollup.js'
export { SAMPLE_BOARD } from './sample.js'
export {
  type BoardRoots,
  ROOT_NAMES,
  type RootName,
  roots,
  SERVER_ROOTS,
  SERVER_STATUSES,
  schemaVersionOf,
} from './schema.js'
export { checkStatusChange, nextStatuses, STATUS_LABELS, type StatusContext } from './status.js'
export { type BoardDiff, diffBoards, isEmptyDiff } from './versionDiff.js'
export { checkClientWrite, type WriteContext } from './writePolicy.js'
