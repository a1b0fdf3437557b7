/** The path of a child node from its parent's path and its own name (`/` + name under the root). */
export function childPath(parentPath: string, name: string): string {
  return parentPath === '/' ? `/${name}` : `${parentPath}/${name}`;
}
