// IAM Sids are letters and digits only (aws_iam_policy_document refuses anything else); a Sid
// longer than this stops being a label and becomes noise in every policy view.
const MAX_SID_LENGTH = 64;
// Where a `why` stops saying what and starts saying how: "Find the bucket's region (HeadBucket), then…".
const END_OF_FIRST_CLAUSE = /[(:;,]|\.(\s|$)/;

/**
 * A Sid for each statement of one policy, from its `why`: the first clause in PascalCase
 * ("Find the bucket's region (HeadBucket), …" gives `FindTheBucketsRegion`), cut at a word
 * boundary, and numbered where two would be the same, as Sids must be unique within a policy.
 */
export function statementSids(whys: readonly string[]): string[] {
  const used = new Set<string>();
  return whys.map((why, index) => {
    const base = sidFromWhy(why) || `Statement${index + 1}`;
    let sid = base;
    for (let n = 2; used.has(sid); n++) sid = `${base}${n}`;
    used.add(sid);
    return sid;
  });
}

function sidFromWhy(why: string): string {
  const firstClause = why.split(END_OF_FIRST_CLAUSE, 1)[0] ?? "";
  const words = firstClause
    .replace(/['’]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1));
  let sid = "";
  for (const word of words) {
    if (sid.length + word.length > MAX_SID_LENGTH) break;
    sid += word;
  }
  return sid;
}
