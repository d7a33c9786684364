package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InvalidInferenceRequestException;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the {@code sagemaker.runtime.*} properties at startup, so that a bad value stops
 * the application with a report that names the property, instead of failing the first
 * stream.
 */
final class SageMakerRuntimePropertiesValidator {

	private SageMakerRuntimePropertiesValidator() {
	}

	static void validate(SageMakerRuntimeProperties properties) {
		request("sagemaker.runtime.endpoint-name", properties.getEndpointName(),
				(b) -> b.endpointName(properties.getEndpointName()));
		request("sagemaker.runtime.inference-component-name", properties.getInferenceComponentName(),
				(b) -> b.inferenceComponentName(properties.getInferenceComponentName()));
		request("sagemaker.runtime.custom-attributes", properties.getCustomAttributes(),
				(b) -> b.customAttributes(properties.getCustomAttributes()));
		request("sagemaker.runtime.content-type", properties.getContentType(),
				(b) -> b.contentType(properties.getContentType()));
		request("sagemaker.runtime.accept", properties.getAccept(), (b) -> b.accept(properties.getAccept()));
		positive("sagemaker.runtime.first-token-timeout", properties.getFirstTokenTimeout());
		positive("sagemaker.runtime.idle-timeout", properties.getIdleTimeout());
		positive("sagemaker.runtime.total-timeout", properties.getTotalTimeout());
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

	private static void request(String property, String value, UnaryOperator<InferenceRequest.Builder> setting) {
		if (value == null) {
			return;
		}
		try {
			setting.apply(InferenceRequest.builder().prompt("validation")).build();
		}
		catch (InvalidInferenceRequestException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

	private static void positive(String property, Duration value) {
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
