/** The pending and active FIFO lists of drivers/base/dd.c (K4.1), O(1) per operation. */
import { ListId, type DeferredList, type Dev } from './state.js';

/** An empty list. */
export function createList(id: ListId): DeferredList {
  return { id, head: -1, tail: -1, size: 0 };
}

/** Appends a device that is on no list. */
export function pushTail(list: DeferredList, devs: Dev[], index: number): void {
  const dev = devs[index];
  dev.list = list.id;
  dev.prev = list.tail;
  dev.next = -1;
  if (list.tail >= 0) devs[list.tail].next = index;
  else list.head = index;
  list.tail = index;
  list.size++;
}

/** Takes a device off whichever list it is on. */
export function unlink(list: DeferredList, devs: Dev[], index: number): void {
  const dev = devs[index];
  if (dev.prev >= 0) devs[dev.prev].next = dev.next;
  else list.head = dev.next;
  if (dev.next >= 0) devs[dev.next].prev = dev.prev;
  else list.tail = dev.prev;
  dev.prev = dev.next = -1;
  dev.list = ListId.None;
  list.size--;
}

/** Removes and returns the head, or -1. */
export function popHead(list: DeferredList, devs: Dev[]): number {
  const index = list.head;
  if (index >= 0) unlink(list, devs, index);
  return index;
}

/** Moves every device of `from` to the tail of `to`, keeping their order; returns how many. */
export function spliceAll(from: DeferredList, to: DeferredList, devs: Dev[]): number {
  const moved = from.size;
  if (moved === 0) return 0;
  for (let i = from.head; i >= 0; i = devs[i].next) devs[i].list = to.id;
  if (to.tail >= 0) {
    devs[to.tail].next = from.head;
    devs[from.head].prev = to.tail;
  } else {
    to.head = from.head;
  }
  to.tail = from.tail;
  to.size += moved;
  from.head = from.tail = -1;
  from.size = 0;
  return moved;
}

/** The devices on a list, head first. */
export function listMembers(list: DeferredList, devs: Dev[]): number[] {
  const members: number[] = [];
  for (let i = list.head; i >= 0; i = devs[i].next) members.push(i);
  return members;
}
