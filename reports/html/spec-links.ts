import { esc } from './escape.js';
import { bundledProfile, PROFILE_ID } from './profile-doc.js';

/**
 * A spec reference as HTML: "RFC 9449 §4.3" links to the RFC Editor's section anchor;
 * "DPoP-SK §5 step 6" links to that section of the profile bundled at the end of the
 * report (docs/profile.md), or to the profile's top when it has no section of that number.
 */
export function specRefHtml(ref: string): string {
  const anchors = bundledProfile().anchors;
  return ref
    .split(/(;|,)/)
    .map((part) => {
      const m = /^(\s*)RFC (\d+) §(\d+(?:\.\d+)*)(.*)$/.exec(part);
      if (m) {
        const [, lead, rfc, section, rest] = m;
        return `${esc(lead)}<a href="https://www.rfc-editor.org/rfc/rfc${esc(rfc)}#section-${esc(section)}">RFC ${esc(rfc)} §${esc(section)}</a>${esc(rest)}`;
      }
      const sk = /^(\s*)(DPoP-SK §(\d+))(.*)$/.exec(part);
      if (sk) {
        const [, lead, label, n, rest] = sk;
        const anchor = anchors.get(`§${n}`);
        const title = anchor ? 'the DPoP-SK profile, bundled below' : 'no section of its own in the bundled profile';
        return `${esc(lead)}<a class="profile-link" href="#${esc(anchor ?? PROFILE_ID)}" title="${esc(title)}">${esc(label)}</a>${esc(rest)}`;
      }
      return esc(part);
    })
    .join('');
}
