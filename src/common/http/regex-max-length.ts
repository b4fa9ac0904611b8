/**
 * The longest string an anchored regular expression (`^…$`) can match, or null when it has no
 * bound (`*`, `+`, `{n,}`) or uses syntax this reader does not know (back-references,
 * look-arounds). Lets the OpenAPI document state the length a `@Matches` validator enforces.
 */
export function regexMaxLength(source: string): number | null {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return null;
  const body = source.slice(1, -1);
  let i = 0;

  // alternation := sequence ('|' sequence)*  → the longest branch
  function alternation(): number | null {
    let best = sequence();
    while (best !== null && body[i] === '|') {
      i++;
      const next = sequence();
      best = next === null ? null : Math.max(best, next);
    }
    return best;
  }

  function sequence(): number | null {
    let total = 0;
    while (i < body.length && body[i] !== '|' && body[i] !== ')') {
      const atomLength = atom();
      if (atomLength === null) return null;
      const times = quantifier();
      if (times === null) return null;
      total += atomLength * times;
    }
    return total;
  }

  function atom(): number | null {
    const c = body[i];
    if (c === '(') {
      i++;
      if (body[i] === '?') {
        if (body[i + 1] !== ':') return null; // look-arounds, named groups: not read here
        i += 2;
      }
      const inner = alternation();
      if (body[i] !== ')') return null;
      i++;
      return inner;
    }
    if (c === '[') {
      i++;
      while (i < body.length && body[i] !== ']') i += body[i] === '\\' ? 2 : 1;
      if (body[i] !== ']') return null;
      i++;
      return 1;
    }
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[1-9bBk]/.test(next)) return null; // back-references, word boundaries
      i += 2;
      return 1;
    }
    if (c === '^' || c === '$') return null;
    i++;
    return 1;
  }

  /** How many times the atom may repeat at most; null when unbounded. */
  function quantifier(): number | null {
    const c = body[i];
    if (c === '*' || c === '+') return null;
    if (c === '?') {
      i++;
      return 1;
    }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(body.slice(i));
      if (!m) return 1; // a literal "{"
      i += m[0].length;
      if (m[2] === undefined) return Number(m[1]);
      return m[3] === '' ? null : Number(m[3]);
    }
    return 1;
  }

  const length = alternation();
  return i === body.length ? length : null;
}
