// Which GitHub operation a request names, by octokit's names: the API routes on it and
// faults can be aimed at it ("operation" in a fault), however the path is spelled.

export const OPERATIONS = [
  'listDeployments', 'createDeployment', 'getDeployment', 'deleteDeployment', 'getAllEnvironments',
  'listDeploymentStatuses', 'createDeploymentStatus', 'getDeploymentStatus',
];

/**
 * The operation of `method` on the decoded path `segments` (after any /api/v3 prefix), or
 * null when GitHub has none there. HEAD is GET; a preflight (OPTIONS) names none.
 */
export function operationOf(method, segments) {
  const s = segments;
  const get = method === 'GET' || method === 'HEAD';
  if (s.length < 4 || s.length > 7 || s[0] !== 'repos') return null;
  if (s[3] === 'environments') return s.length === 4 && get ? 'getAllEnvironments' : null;
  if (s[3] !== 'deployments') return null;
  if (s.length === 4) return get ? 'listDeployments' : method === 'POST' ? 'createDeployment' : null;
  if (s.length === 5) return get ? 'getDeployment' : method === 'DELETE' ? 'deleteDeployment' : null;
  if (s[5] !== 'statuses') return null;
  if (s.length === 6) return get ? 'listDeploymentStatuses' : method === 'POST' ? 'createDeploymentStatus' : null;
  return get ? 'getDeploymentStatus' : null;
}
