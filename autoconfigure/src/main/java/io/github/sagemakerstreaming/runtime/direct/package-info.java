/**
 * The direct transport's building blocks, which know nothing of the template: the signed
 * {@code InvokeEndpointWithResponseStream} HTTP request, the event-stream frame decoder,
 * and SageMaker's errors as the SDK's own exception types.
 */
@NullMarked
package io.github.sagemakerstreaming.runtime.direct;

import org.jspecify.annotations.NullMarked;
