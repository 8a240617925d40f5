// Who may write under which Yjs client id on a board. A struct's client id decides how Yjs integrates
// it and whether the server already holds it (clocks), so a member writing under someone else's id
// could make that person's later edits look already received, or pass forged items off as theirs.
// The first identity to store new structs under a client id owns it, in storage (so it holds across
// restarts and every instance sharing the storage); anyone else's structs under it are refused.
// Deletions are not owned: a delete set names other clients' items by design.

import type { Storage } from '../storage/storage.js'

/** The owner recorded for client ids the server writes under (never a member or invite id). */
export const SERVER_OWNER = '@server'

/** Who is writing: the identity it is recorded as, and the invite a member joined through. */
export interface Writer {
  /** identityOf(principal).id: the member id, or the invite id of someone who has not joined. */
  id: string
  /**
   * The invite a member joined through: ids claimed while they used its link stay theirs after
   * joining (their browser keeps sending edits it made before). Anyone holding that link could write
   * under those ids anyway.
   */
  inviteId?: string | undefined
}

export type OwnerCheck = { ok: true } | { ok: false; clientId: number; owner: string | null; error: string }

const mayWrite = (owner: string, writer: Writer) => owner === writer.id || owner === writer.inviteId

/**
 * One board's owners, read from storage once per client id and then kept in memory: an owner never
 * changes, so what is cached is never stale, and the per-update cost is a map lookup per client id.
 */
export class ClientOwners {
  private readonly owners = new Map<number, string>()

  constructor(
    private readonly boardId: string,
    private readonly storage: Storage,
  ) {}

  /** Records an owner known without asking storage (the room's own client id). */
  reserve(clientId: number, owner: string): void {
    this.owners.set(clientId, owner)
  }

  /**
   * Whether `writer` may write new structs under every one of `clientIds`, claiming those nobody owns
   * yet. `claimable` may keep an unowned id from being claimed (someone else presents it right now).
   * Answers synchronously when every id is cached; throws only when storage fails.
   */
  check(
    clientIds: readonly number[],
    writer: Writer,
    claimable: (clientId: number) => boolean,
  ): OwnerCheck | Promise<OwnerCheck> {
    const unknown: number[] = []
    for (const clientId of clientIds) {
      const owner = this.owners.get(clientId)
      if (owner === undefined) unknown.push(clientId)
      else if (!mayWrite(owner, writer)) return refused(clientId, owner)
    }
    if (unknown.length === 0) return { ok: true }
    return this.claim(unknown, writer, claimable)
  }

  /** Claims `clientId` for the server; false when someone else already owns it. */
  async claimForServer(clientId: number): Promise<boolean> {
    const owner = (await this.storage.claimClientIds(this.boardId, [clientId], SERVER_OWNER)).get(clientId)
    if (owner !== undefined) this.owners.set(clientId, owner)
    return owner === SERVER_OWNER
  }

  private async claim(
    clientIds: readonly number[],
    writer: Writer,
    claimable: (clientId: number) => boolean,
  ): Promise<OwnerCheck> {
    const blocked = clientIds.find((clientId) => !claimable(clientId))
    if (blocked !== undefined) {
      // Not claimed, so the one presenting it can still claim it; storage may know an owner already.
      return refused(blocked, null)
    }
    const owners = await this.storage.claimClientIds(this.boardId, clientIds, writer.id)
    let result: OwnerCheck = { ok: true }
    for (const clientId of clientIds) {
      const owner = owners.get(clientId)
      if (owner === undefined) throw new Error(`storage returned no owner for client id ${clientId}`)
      this.owners.set(clientId, owner)
      if (result.ok && !mayWrite(owner, writer)) result = refused(clientId, owner)
    }
    return result
  }
}

function refused(clientId: number, owner: string | null): OwnerCheck {
  return {
    ok: false,
    clientId,
    owner,
    error:
      owner === SERVER_OWNER
        ? `client id ${clientId} is the server's`
        : `client id ${clientId} belongs to someone else on this board`,
  }
}
