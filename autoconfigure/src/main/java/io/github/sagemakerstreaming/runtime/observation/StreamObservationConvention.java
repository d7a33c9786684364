package io.github.sagemakerstreaming.runtime.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names a stream's observation and its key values. Declare a bean of this type to replace
 * {@link DefaultStreamObservationConvention}.
 */
public interface StreamObservationConvention extends ObservationConvention<StreamObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof StreamObservationContext;
	}

}
