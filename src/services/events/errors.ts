// The errors EventBridge answers for its rules, targets, connections and API destinations,
// worded as EventBridge words them (JSON 1.1: `{"__type": code, "message": ...}`, HTTP 400).

import { JsonServiceError } from '../../protocol/json/json-error.js';

export function ruleNotFound(name: string): JsonServiceError {
  return new JsonServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);
}

export function eventBusNotFound(name: string): JsonServiceError {
  return new JsonServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
}

export function connectionNotFound(name: string): JsonServiceError {
  return new JsonServiceError('ResourceNotFoundException', `Failed to describe the connection(s). Connection '${name}' does not exist.`);
}

export function apiDestinationNotFound(name: string): JsonServiceError {
  return new JsonServiceError('ResourceNotFoundException', `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`);
}

export function alreadyExists(message: string): JsonServiceError {
  return new JsonServiceError('ResourceAlreadyExistsException', message);
}

export function validation(message: string): JsonServiceError {
  return new JsonServiceError('ValidationException', message);
}

export function limitExceeded(message: string): JsonServiceError {
  return new JsonServiceError('LimitExceededException', message);
}

export function invalidPattern(message: string): JsonServiceError {
  return new JsonServiceError('InvalidEventPatternException', message);
}
