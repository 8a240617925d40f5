// REST for boards: create, import, invite, read, export. Bodies are validated here, at the edge.

import { createHash, timingSafeEqual } from 'node:crypto'
import { exportBoardFile, parseBoardFile, readBoard } from '@tideboard/shared'
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { issueInvite } from '../auth/access.js'
import { ROLES } from '../auth/roles.js'
import { boardUrl, createBoard, type NewBoard } from '../boards/createBoard.js'
import { TEXT_FORMATS } from '../boards/exporters.js'
import { ApiError } from '../http/apiError.js'
import { boardAccess } from '../http/boardAccess.js'
import { bearerToken, readJson, validate } from '../http/body.js'
import { limit, SMALL_BODY } from '../http/limit.js'
import type { Storage } from '../storage/storage.js'
import type { Rooms } from '../sync/rooms.js'

export interface BoardRouteDeps {
  storage: Storage
  secret: Uint8Array
  rooms: Rooms
  adminToken: string | null
  /** Largest board file POST /api/boards/import accepts. */
  maxImportBytes?: number
}

const DEFAULT_MAX_IMPORT = 5 * 1024 * 1024

const CreateBoardBody = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
  description: z.string().max(10_000).optional(),
})

const InviteBody = z.object({
  role: z.enum(ROLES),
  function: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
})

const EXPORT_FORMATS = ['json', 'csv', 'md'] as const

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function originOf(c: Context): string {
  return new URL(c.req.url).origin
}

function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
  return slug === '' ? 'board' : slug
}

export function boardRoutes(deps: BoardRouteDeps): Hono {
  const app = new Hono()
  const maxImport = deps.maxImportBytes ?? DEFAULT_MAX_IMPORT

  const requireAdmin = (c: Context) => {
    if (deps.adminToken === null) return
    const given = bearerToken(c)
    if (given === null || !sameSecret(given, deps.adminToken)) {
      throw new ApiError(
        401,
        'unauthorized',
        'creating boards needs the admin token (Authorization: Bearer …)',
      )
    }
  }

  const access = boardAccess(deps)

  const created = (c: Context, board: NewBoard) => {
    const origin = originOf(c)
    return c.json(
      {
        id: board.id,
        title: board.title,
        invites: board.invites,
        urls: {
          owner: boardUrl(origin, board.id, board.invites.owner),
          member: boardUrl(origin, board.id, board.invites.member),
          viewer: boardUrl(origin, board.id, board.invites.viewer),
        },
      },
      201,
    )
  }

  app.post('/boards', limit(SMALL_BODY), async (c) => {
    requireAdmin(c)
    const body = validate(CreateBoardBody, await readJson(c))
    const board = await createBoard(deps.storage, deps.secret, {
      kind: 'new',
      title: body.title,
      description: body.description,
    })
    return created(c, board)
  })

  app.post('/boards/import', limit(maxImport), async (c) => {
    requireAdmin(c)
    const parsed = parseBoardFile(await readJson(c))
    if (!parsed.ok) throw new ApiError(400, 'invalid_board_file', parsed.error)
    return created(c, await createBoard(deps.storage, deps.secret, { kind: 'file', file: parsed.value }))
  })

  app.post('/boards/:id/invites', limit(SMALL_BODY), async (c) => {
    const principal = await access(c)
    if (principal.role !== 'owner') throw new ApiError(403, 'forbidden', 'only an owner can invite')
    const body = validate(InviteBody, await readJson(c))
    if (body.role === 'leader' && body.function === undefined) {
      throw new ApiError(
        400,
        'invalid_body',
        'At function: a leader invite must name the function it signs off for',
      )
    }
    const { token } = await issueInvite(deps.storage, deps.secret, {
      boardId: principal.boardId,
      role: body.role,
      function: body.function,
      name: body.name,
    })
    return c.json({ token, url: boardUrl(originOf(c), principal.boardId, token) }, 201)
  })

  app.get('/boards/:id', async (c) => {
    const principal = await access(c)
    const title = await deps.rooms.withDoc(principal.boardId, (doc) => readBoard(doc).meta.title)
    return c.json({
      id: principal.boardId,
      title,
      role: principal.role,
      ...(principal.function === undefined ? {} : { function: principal.function }),
      ...(principal.name === undefined ? {} : { name: principal.name }),
      ...(principal.memberId === undefined ? {} : { memberId: principal.memberId }),
    })
  })

  app.get('/boards/:id/export', async (c) => {
    const format = c.req.query('format') ?? 'json'
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new ApiError(400, 'invalid_format', `format must be one of ${EXPORT_FORMATS.join(', ')}`)
    }
    const principal = await access(c)
    const board = await deps.rooms.withDoc(principal.boardId, (doc) => readBoard(doc))
    const name = fileSlug(board.meta.title)
    if (format === 'json') {
      c.header('Content-Disposition', `attachment; filename="${name}.tideboard.json"`)
      const log = await deps.storage.listDecisions(principal.boardId)
      const decisions = log.map((d) => ({
        cardId: d.cardId,
        function: d.function,
        by: d.by === '' ? null : d.by,
        verdict: d.verdict,
        reason: d.reason,
        at: d.at,
      }))
      return c.json(exportBoardFile(principal.boardId, board, decisions))
    }
    const text = TEXT_FORMATS[format as 'csv' | 'md']
    c.header('Content-Type', text.contentType)
    c.header('Content-Disposition', `attachment; filename="${name}.${text.extension}"`)
    return c.body(text.exporter(board))
  })

  return app
}
