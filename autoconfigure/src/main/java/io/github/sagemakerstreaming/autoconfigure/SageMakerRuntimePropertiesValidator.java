package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the {@code sagemaker.runtime.*} properties of the client, the retries and the
 * health check at startup, so that a bad value stops the application with a report that
 * names the property, instead of failing the first stream. The template's builder checks
 * the request settings as they are bound.
 */
final class SageMakerRuntimePropertiesValidator {

	private SageMakerRuntimePropertiesValidator() {
	}

	static void validate(SageMakerRuntimeProperties properties) {
		positive("sagemaker.runtime.retry.initial-backoff", properties.getRetry().getInitialBackoff());
		positive("sagemaker.runtime.retry.max-backoff", properties.getRetry().getMaxBackoff());
		positive("sagemaker.runtime.health.cache-time-to-live", properties.getHealth().getCacheTimeToLive());
		positive("sagemaker.runtime.http.connection-acquisition-timeout",
				properties.getHttp().getConnectionAcquisitionTimeout());
		positive("sagemaker.runtime.http.connect-timeout", properties.getHttp().getConnectTimeout());
		positive("sagemaker.runtime.http.read-timeout", properties.getHttp().getReadTimeout());
		positive("sagemaker.runtime.http.write-timeout", properties.getHttp().getWriteTimeout());
		atLeastOne("sagemaker.runtime.retry.max-attempts", properties.getRetry().getMaxAttempts());
		atLeastOne("sagemaker.runtime.http.max-concurrency", properties.getHttp().getMaxConcurrency());
		if (properties.getMaxRecordSize().toBytes() < 1) {
			throw new InvalidConfigurationPropertyValueException("sagemaker.runtime.max-record-size",
					properties.getMaxRecordSize(), "It must be positive.");
		}
	}

	private static void positive(String property, @Nullable Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new InvalidConfigurationPropertyValueException(property, value, "It must be positive.");
		}
	}

	private static void atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value, "It must be at least 1.");
		}
	}

}
