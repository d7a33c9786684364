package io.github.sagemakerstreaming.runtime.direct;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalDependencyException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.InternalStreamFailureException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.SageMakerRuntimeException;
import software.amazon.awssdk.services.sagemakerruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * SageMaker's errors as the SDK client reports them: the same exception type for each
 * error code, with the same code, message, status and request id, so that both transports
 * fail with the same typed exceptions. The code and message are read where the SDK's JSON
 * protocol reads them: the {@code x-amzn-ErrorType} and {@code x-amzn-error-message}
 * headers, else the body's {@code __type} and {@code message}.
 */
public final class ServiceErrors {

	/** The service name the SDK gives an error response. */
	private static final String SERVICE_NAME = "SageMakerRuntime";

	/** The service name the SDK gives an exception that arrives inside a stream. */
	private static final String STREAM_SERVICE_NAME = "sagemaker";

	/** The status the SDK gives an exception that arrives inside a stream. */
	private static final int STREAM_EXCEPTION_STATUS = 500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ServiceErrors() {
	}

	/**
	 * Reads an HTTP error response.
	 * @param response the response, with a status that is not a success
	 * @param body its body
	 * @return the exception the SDK client would throw
	 */
	public static SageMakerRuntimeException fromResponse(SdkHttpResponse response, byte[] body) {
		JsonNode json = json(body);
		String code = response.firstMatchingHeader("x-amzn-ErrorType")
			.map((type) -> type.split(":", 2)[0])
			.orElseGet(() -> typeFromBody(json));
		String message = response.firstMatchingHeader("x-amzn-error-message").orElseGet(() -> messageFromBody(json));
		SageMakerRuntimeException.Builder builder = switch (code) {
			case "ValidationError" -> ValidationErrorException.builder();
			case "ModelError" -> ModelErrorException.builder()
				.originalStatusCode(
						json.path("OriginalStatusCode").isNumber() ? json.path("OriginalStatusCode").asInt() : null)
				.originalMessage(text(json, "OriginalMessage"))
				.logStreamArn(text(json, "LogStreamArn"));
			case "ModelNotReadyException" -> ModelNotReadyException.builder();
			case "InternalFailure" -> InternalFailureException.builder();
			case "ServiceUnavailable" -> ServiceUnavailableException.builder();
			case "InternalDependencyException" -> InternalDependencyException.builder();
			default -> SageMakerRuntimeException.builder();
		};
		return build(builder, code, message, response.statusCode(), SERVICE_NAME, response);
	}

	/**
	 * Reads a modeled exception that arrived inside the stream.
	 * @param exceptionType its {@code :exception-type}
	 * @param payload its JSON payload
	 * @param response the stream's HTTP response
	 * @return the exception the SDK client would deliver
	 */
	public static SageMakerRuntimeException fromStreamException(@Nullable String exceptionType, byte[] payload,
			SdkHttpResponse response) {
		JsonNode json = json(payload);
		String code = (exceptionType != null) ? exceptionType : typeFromBody(json);
		SageMakerRuntimeException.Builder builder = switch (code) {
			case "ModelStreamError" -> ModelStreamErrorException.builder().errorCode(text(json, "ErrorCode"));
			case "InternalStreamFailure" -> InternalStreamFailureException.builder();
			default -> SageMakerRuntimeException.builder();
		};
		return build(builder, code, messageFromBody(json), STREAM_EXCEPTION_STATUS, STREAM_SERVICE_NAME, response);
	}

	/**
	 * Reads an unmodeled error that arrived inside the stream.
	 * @param errorCode its {@code :error-code}
	 * @param errorMessage its {@code :error-message}
	 * @param response the stream's HTTP response
	 * @return the exception the SDK client would deliver
	 */
	public static SageMakerRuntimeException fromStreamError(@Nullable String errorCode, @Nullable String errorMessage,
			SdkHttpResponse response) {
		return build(SageMakerRuntimeException.builder(), (errorCode != null) ? errorCode : "Unknown", errorMessage,
				STREAM_EXCEPTION_STATUS, STREAM_SERVICE_NAME, response);
	}

	private static SageMakerRuntimeException build(SageMakerRuntimeException.Builder builder, String code,
			@Nullable String message, int status, String serviceName, SdkHttpResponse response) {
		String requestId = response.firstMatchingHeader("x-amzn-RequestId").orElse(null);
		return (SageMakerRuntimeException) builder.message(message)
			.statusCode(status)
			.requestId(requestId)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode(code)
				.errorMessage(message)
				.serviceName(serviceName)
				.sdkHttpResponse(response)
				.build())
			.build();
	}

	private static JsonNode json(byte[] body) {
		if (body.length == 0) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

	private static String typeFromBody(JsonNode json) {
		String type = text(json, "__type");
		return (type != null) ? type.substring(type.indexOf('#') + 1) : "Unknown";
	}

	private static @Nullable String messageFromBody(JsonNode json) {
		for (String field : new String[] { "message", "Message", "errorMessage" }) {
			String message = text(json, field);
			if (message != null) {
				return message;
			}
		}
		return null;
	}

	private static @Nullable String text(JsonNode json, String field) {
		JsonNode value = json.path(field);
		return value.isString() ? value.asString() : null;
	}

}
