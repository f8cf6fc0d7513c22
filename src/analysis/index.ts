// Security analysis on the policy engine: the account model from authorization details,
// the escalation graph, every escalation path, findings and queries. Pure: callers read files.

export type { AuthorizationDetails, InputProblem } from './input/details-types.js';
export { formatProblem } from './input/details-types.js';
export { readDetails } from './input/read-details.js';
export type { AnalysisModel, PrincipalModel } from './model/model.js';
export type { BuildModelOptions, BuildModelResult, ScpInput } from './model/build-model.js';
export { buildModel } from './model/build-model.js';
export type { JsonInput } from './model/load-model.js';
export { loadModel } from './model/load-model.js';
export type { Check, ConditionNote } from './engine/decide.js';
export type { Edge } from './graph/edge.js';
export type { EscalationGraph } from './graph/build-graph.js';
export { buildGraph } from './graph/build-graph.js';
export type { EscalationPath, PathStep } from './graph/find-paths.js';
export { findPaths } from './graph/find-paths.js';
export type { Technique, TechniqueFamily } from './techniques/types.js';
export { TECHNIQUES } from './techniques/registry.js';
export type { AnalysisReport, AnalyzeOptions } from './report/analyze.js';
export { analyze, REPORT_SCHEMA } from './report/analyze.js';
export { reportToDot } from './report/dot.js';
export { reportToSarif } from './report/sarif.js';
export type { Finding, Severity } from './report/finding.js';
export { atLeast, isSeverity, SEVERITIES } from './report/finding.js';
export type { Query } from './query/parse-query.js';
export { parseQuery } from './query/parse-query.js';
export type { Access, QueryAnswer } from './query/answer-query.js';
export { answerQuery } from './query/answer-query.js';
export type { AccessLevel, ActionCatalogue, CatalogueAction } from './least-privilege/action-catalogue.js';
export { accessLevelOf, ActionExpander, makeCatalogue } from './least-privilege/action-catalogue.js';
export { CATEGORIES, CREDENTIALS_EXPOSURE, DATA_EXFILTRATION, SENSITIVE_SERVICES } from './least-privilege/categories.js';
export type { StatementRef } from './report/finding.js';
export { DEFAULT_UNUSED_DAYS } from './least-privilege/unused-credentials.js';
export { reportToText } from './report/text.js';
