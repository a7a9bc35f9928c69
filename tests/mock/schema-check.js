// Checks a value against a schema of an OpenAPI 3.0 description, for the parts GitHub's
// descriptions use: $ref, type, nullable, required, properties, items, enum, maxLength,
// oneOf, anyOf, and the formats date-time and uri. Properties a schema does not name are
// allowed, as GitHub's schemas allow them.

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The object a local $ref ("#/components/...") points at. */
export function resolve(spec, ref) {
  const target = ref.replace(/^#\//, '').split('/').reduce((node, key) => node?.[key], spec);
  if (!target) throw new Error(`no ${ref} in the description`);
  return target;
}

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The problems of `value` against `schema` (a schema object or { $ref }), each naming its path; [] when it fits. */
export function schemaProblems(spec, schema, value, path = '$') {
  if (schema.$ref) return schemaProblems(spec, resolve(spec, schema.$ref), value, path);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (value === null) {
    const allowed = schema.nullable || alternatives?.some((alt) => (alt.$ref ? resolve(spec, alt.$ref) : alt).nullable);
    return allowed ? [] : [`${path}: null`];
  }
  if (alternatives) {
    const fits = alternatives.filter((alt) => schemaProblems(spec, alt, value, path).length === 0).length;
    if (schema.oneOf ? fits !== 1 : fits === 0) return [`${path}: fits ${fits} of its ${alternatives.length} alternatives`];
    return [];
  }
  const type = typeOf(value);
  if (schema.type && !(schema.type === type || (schema.type === 'number' && type === 'integer'))) {
    return [`${path}: ${type}, not ${schema.type}`];
  }
  const problems = [];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} not in the enum`);
  if (type === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) problems.push(`${path}: not a date-time`);
    if (schema.format === 'uri' && value !== '' && !URL.canParse(value)) problems.push(`${path}: not a uri`);
  }
  if (type === 'object') {
    for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${path}.${key}: missing`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in value) problems.push(...schemaProblems(spec, sub, value[key], `${path}.${key}`));
    }
  }
  if (type === 'array' && schema.items) {
    value.forEach((item, i) => problems.push(...schemaProblems(spec, schema.items, item, `${path}[${i}]`)));
  }
  return problems;
}
