import { escapeHtml } from "../core/html.js";
import { CLIENT_PATH } from "./client.js";

const CSP_META = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)(")/i;

/**
 * Adds the reload client to a page as the dev server sends it; the file on
 * disk is untouched. The page's own Content-Security-Policy is widened just
 * enough for the client: a script and a socket from the same origin.
 */
export function injectClient(html: string, page: string): string {
  const tag = `<script src="${CLIENT_PATH}" data-page="${escapeHtml(page)}" async></script>\n`;
  const withPolicy = html.replace(CSP_META, (_match, start: string, policy: string, end: string) => `${start}${allowSelf(policy)}${end}`);
  const at = withPolicy.lastIndexOf("</body>");
  return at === -1 ? `${withPolicy}\n${tag}` : `${withPolicy.slice(0, at)}${tag}${withPolicy.slice(at)}`;
}

/** `script-src` and `connect-src` gain `'self'` (and lose `'none'`); other directives stay as they are. */
export function allowSelf(policy: string): string {
  const directives = policy.split(";").map((part) => part.trim()).filter(Boolean);
  const fallback = directives.find((d) => d.split(/\s+/)[0]?.toLowerCase() === "default-src");
  for (const name of ["script-src", "connect-src"]) {
    const index = directives.findIndex((d) => d.split(/\s+/)[0]?.toLowerCase() === name);
    const sources = (index === -1 ? fallback?.split(/\s+/).slice(1) : directives[index]?.split(/\s+/).slice(1)) ?? [];
    const widened = [...sources.filter((s) => s !== "'none'" && s !== "'self'"), "'self'"];
    const directive = `${name} ${widened.join(" ")}`;
    if (index === -1) directives.push(directive);
    else directives[index] = directive;
  }
  return directives.join("; ");
}
