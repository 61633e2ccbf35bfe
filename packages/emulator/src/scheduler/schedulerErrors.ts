import { ServiceError } from '../http/serviceError';

/** EventBridge Scheduler's error shapes (restJson1: the HTTP status goes with the code). */
export const validation = (message: string) => new ServiceError('ValidationException', message, 400);
export const notFound = (message: string) => new ServiceError('ResourceNotFoundException', message, 404);
export const conflict = (message: string) => new ServiceError('ConflictException', message, 409);
