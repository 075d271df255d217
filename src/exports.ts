export {
  ArgumentError,
  BadGatewayError,
  BadRequestError,
  ClientClosedError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  DeserializationError,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  KibanaError,
  NotFoundError,
  PayloadTooLargeError,
  RequestAbortedError,
  ResponseError,
  ServiceUnavailableError,
  TimeoutError,
  TooManyRequestsError,
  UnauthorizedError,
  isKibanaError,
} from './errors.js';
export type { KibanaErrorBody, RequestInfo, ResponseErrorInit } from './errors.js';
export type { KibanaAuth } from './auth.js';
export type { KibanaClientOptions, TlsOptions } from './config.js';
export type { KibanaClientEvents, RequestEvent, ResponseEvent, RetryEvent, WarningEvent } from './events.js';
export type { KibanaPromise, KibanaResponse, KibanaResponseHeaders } from './response.js';
export type { WithOptions } from './with-options.js';
export type { RetryOptions } from './retry.js';
export { ResultWindowError } from './paging.js';
export type { FileInput, NodeJSReadableLike } from './upload.js';
export { CasesApi, type CaseCommentUpdate, type CaseFileUpload, type CaseUpdate } from './resources/cases.js';
export type { ConflictOptions } from './conflict.js';
export type { CreateOptions } from './resources/create.js';
export { MaintenanceWindowsApi } from './resources/maintenance-windows.js';
export { RulesApi, type FindRulesQuery } from './resources/rules.js';
export {
  ApmAgentConfigurationApi,
  ApmAgentKeysApi,
  ApmAnnotationsApi,
  ApmApi,
  ApmServerSchemaApi,
  ApmSourceMapsApi,
  type SourceMapInput,
  type SourceMapUpload,
} from './resources/apm.js';
export { ConnectorsApi } from './resources/connectors.js';
export type {
  CallOptions,
  HttpMethod,
  OperationBody,
  OperationId,
  OperationPath,
  OperationQuery,
  OperationResult,
  PathsWithMethod,
  RequestArgs,
  RequestResult,
  Schemas,
  components,
  operations,
  paths,
} from './types.js';
export type * from './names.js';
export { VERSION } from './version.js';
