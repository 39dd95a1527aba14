// Replaced by the Redis bootstrap (see src/store/local-redis.ts) once integration tests exist.
export default function setup(): void {}
