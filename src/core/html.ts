/**
 * Text made safe to place in HTML or XML: as element content or inside a
 * quoted attribute value. The one escaper of the project.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
