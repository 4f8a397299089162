// Portal tables turn into cards on a phone (css/portal.css): each cell shows its column's name, taken from
// the table's header row unless the template wrote a data-label itself.
document.querySelectorAll("body.portal main table").forEach((table) => {
  const headers = Array.from(table.querySelectorAll("thead tr:last-child th")).map((th) => th.textContent.trim());
  if (!headers.length) return;
  table.querySelectorAll("tbody tr, tfoot tr").forEach((row) => {
    let column = 0;
    Array.from(row.children).forEach((cell) => {
      if (!cell.hasAttribute("data-label") && headers[column] !== undefined) {
        cell.setAttribute("data-label", headers[column]);
      }
      column += cell.colSpan || 1;
    });
  });
});
