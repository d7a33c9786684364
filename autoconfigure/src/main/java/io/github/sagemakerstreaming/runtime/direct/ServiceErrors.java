package io.github.sagemakerstreaming.runtime.direct;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.core.ExceptionMetadata;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.JsonOperationMetadata;
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
 * fail with the same typed exceptions. An error response is read by the SDK's own JSON
 * protocol error unmarshaller, configured as the generated SageMaker Runtime client
 * configures it, so that every shape of answer (SageMaker's, and that of a proxy or load
 * balancer in the way, with no error type and no JSON) gives what the SDK client gives.
 */
public final class ServiceErrors {

	/** The service name the SDK gives an error response. */
	private static final String SERVICE_NAME = "SageMakerRuntime";

	/** The service name the SDK gives an exception that arrives inside a stream. */
	private static final String STREAM_SERVICE_NAME = "sagemaker";

	/** The status the SDK gives an exception that arrives inside a stream. */
	private static final int STREAM_EXCEPTION_STATUS = 500;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The SDK's unmarshaller of error responses, with the protocol, version and default
	 * exception of the generated client ({@code DefaultSageMakerRuntimeAsyncClient}).
	 */
	private static final HttpResponseHandler<AwsServiceException> ERROR_RESPONSES = AwsJsonProtocolFactory.builder()
		.clientConfiguration(SdkClientConfiguration.builder().build())
		.defaultServiceExceptionSupplier(SageMakerRuntimeException::builder)
		.protocol(AwsJsonProtocol.REST_JSON)
		.protocolVersion("1.1")
		.build()
		.createErrorResponseHandler(JsonOperationMetadata.builder().isPayloadJson(true).build(),
				ServiceErrors::modeledException);

	private ServiceErrors() {
	}

	/**
	 * Reads an HTTP error response. A body that the SDK's unmarshaller cannot read (a
	 * member of a type or size that SageMaker's model contradicts) is read as none, so
	 * that the answer gives what the same answer without a body gives (its error code
	 * from its headers, else {@code HTTP} and its status), with the unmarshaller's
	 * failure suppressed on it.
	 * @param response the response, with a status that is not a success
	 * @param body its body
	 * @param timeOffset the offset, in seconds, of the clock the request was signed with
	 * from this machine's, which the SDK records on the exception to tell a refusal for a
	 * skewed clock
	 * @return the exception the SDK client would throw
	 */
	public static SageMakerRuntimeException fromResponse(SdkHttpResponse response, byte[] body, int timeOffset) {
		try {
			return unmarshal(response, body, timeOffset);
		}
		catch (Exception ex) {
			SageMakerRuntimeException withoutBody = withoutBody(response, timeOffset);
			withoutBody.addSuppressed(ex);
			return withoutBody;
		}
	}

	private static SageMakerRuntimeException withoutBody(SdkHttpResponse response, int timeOffset) {
		try {
			return unmarshal(response, new byte[0], timeOffset);
		}
		catch (Exception ex) {
			// No body leaves the unmarshaller nothing to fail on.
			throw new IllegalStateException("The SDK could not read an error response without a body", ex);
		}
	}

	private static SageMakerRuntimeException unmarshal(SdkHttpResponse response, byte[] body, int timeOffset)
			throws Exception {
		SdkHttpFullResponse full = SdkHttpFullResponse.builder()
			.statusCode(response.statusCode())
			.statusText(response.statusText().orElse(null))
			.headers(response.headers())
			.content(AbortableInputStream.create(new ByteArrayInputStream(body)))
			.build();
		ExecutionAttributes attributes = new ExecutionAttributes()
			.putAttribute(SdkExecutionAttribute.SERVICE_NAME, SERVICE_NAME)
			.putAttribute(SdkExecutionAttribute.TIME_OFFSET, timeOffset);
		return (SageMakerRuntimeException) ERROR_RESPONSES.handle(full, attributes);
	}

	/**
	 * The modeled exceptions of an error response, with their status, as the generated
	 * client lists them for {@code InvokeEndpointWithResponseStream}; none for a response
	 * with no error code.
	 */
	private static Optional<ExceptionMetadata> modeledException(@Nullable String errorCode) {
		if (errorCode == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(switch (errorCode) {
			case "ModelStreamError" -> modeled(errorCode, null, ModelStreamErrorException::builder);
			case "ModelError" -> modeled(errorCode, 424, ModelErrorException::builder);
			case "InternalStreamFailure" -> modeled(errorCode, null, InternalStreamFailureException::builder);
			case "ValidationError" -> modeled(errorCode, 400, ValidationErrorException::builder);
			case "ServiceUnavailable" -> modeled(errorCode, 503, ServiceUnavailableException::builder);
			case "InternalFailure" -> modeled(errorCode, 500, InternalFailureException::builder);
			case "InternalDependencyException" -> modeled(errorCode, 530, InternalDependencyException::builder);
			case "ModelNotReadyException" -> modeled(errorCode, 429, ModelNotReadyException::builder);
			default -> null;
		});
	}

	private static ExceptionMetadata modeled(String errorCode, @Nullable Integer status, Supplier<SdkPojo> builder) {
		return ExceptionMetadata.builder()
			.errorCode(errorCode)
			.httpStatusCode(status)
			.exceptionBuilderSupplier(builder)
			.build();
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
