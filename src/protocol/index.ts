// The protocol layer's public surface: AWS Query decoding, XML encoding, the
// error catalogue and the compact IAM/STS service models.
export {
  ERROR_CATALOGUE,
  IamError,
  iamErrors,
  invalidActionError,
  isErrorCode,
  toIamError,
  type ErrorCode,
  type ErrorSource,
  type ErrorSpec,
  type ErrorType,
} from './errors.js';
export { renderErrorsMarkdown } from './error-docs.js';
export {
  getShape,
  loadServiceModel,
  serviceForApiVersion,
  type OperationModel,
  type ServiceModel,
  type ServiceName,
  type Shape,
  type ShapeRef,
} from './model/service-model.js';
export { decodeQueryRequest, type DecodeQueryOptions, type DecodeQueryResult } from './query/decode.js';
export { validateInput, type ValidateOptions, type ValidationResult } from './query/validate.js';
export { validationMessage, type Violation } from './query/violation.js';
export { encodeError, encodeResult, formatTimestamp, XML_CONTENT_TYPE, type EncodableError } from './xml/encode.js';
export { isWireObject, type WireObject, type WireScalar, type WireValue } from './wire-value.js';
