import { createHash } from "node:crypto";
import { UsageError } from "../core/errors.js";

/** One share of the briefings: `index` of `count`, counted from 1. */
export interface Shard {
  index: number;
  count: number;
}

/** `--shard i/n`: 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4, not "${text}"`);
  }
  return { index, count };
}

/**
 * Whether a briefing belongs to a shard. The share depends on the slug alone
 * (a hash, not a position in a list), so adding or removing briefings never
 * moves the others between shards, and shards 1/n … n/n together hold every
 * briefing exactly once.
 */
export function inShard(slug: string, shard: Shard): boolean {
  const digest = createHash("sha256").update(slug).digest();
  return (digest.readUInt32BE(0) % shard.count) + 1 === shard.index;
}
