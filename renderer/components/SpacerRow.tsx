// The stand-in for the rows of a virtualized table that are out of view: one empty row of their
// height, in normal flow (so that a sticky header row stays at the top), hidden from assistive tech.
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return height > 0 ? (
    <tr className="spacer" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  ) : null;
}
