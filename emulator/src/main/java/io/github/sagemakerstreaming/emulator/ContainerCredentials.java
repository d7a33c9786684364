package io.github.sagemakerstreaming.emulator;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The EKS Pod Identity Agent's credentials endpoint, {@code GET /v1/credentials}, which
 * the AWS SDKs' container credentials provider calls with the pod's service account token
 * as the {@code Authorization} header (<a href=
 * "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html">how EKS Pod
 * Identity works</a>). It answers as the agent does (<a href=
 * "https://github.com/aws/eks-pod-identity-agent">aws/eks-pod-identity-agent</a>,
 * {@code pkg/handlers/eks_credential_handler.go}): JSON with {@code AccessKeyId},
 * {@code SecretAccessKey}, {@code Token}, {@code AccountId} and {@code Expiration}, or a
 * plain-text error with status 400.
 */
final class ContainerCredentials {

	static final String PATH = "/v1/credentials";

	private final Map<String, TemporaryCredentials> byToken = new ConcurrentHashMap<>();

	record Answer(int status, String contentType, String body) {

	}

	TemporaryCredentials trust(String authorizationToken) {
		TemporaryCredentials credentials = TemporaryCredentials.issue(TemporaryCredentials.DEFAULT_LIFETIME);
		this.byToken.put(authorizationToken, credentials);
		return credentials;
	}

	Answer answer(@Nullable String authorization) {
		if (authorization == null || authorization.isEmpty()) {
			return error("Service account token cannot be empty");
		}
		TemporaryCredentials credentials = this.byToken.get(authorization);
		if (credentials == null) {
			return error("[" + UUID.randomUUID() + "]: (InvalidTokenException): The service account token is not "
					+ "valid, fault: client");
		}
		return new Answer(200, "application/json",
				"{\"AccessKeyId\":" + Dialect.json(credentials.accessKeyId()) + ",\"SecretAccessKey\":"
						+ Dialect.json(credentials.secretAccessKey()) + ",\"Token\":"
						+ Dialect.json(credentials.sessionToken()) + ",\"AccountId\":\"123456789012\",\"Expiration\":"
						+ Dialect.json(credentials.expiration().toString()) + "}");
	}

	private static Answer error(String message) {
		return new Answer(400, "text/plain; charset=utf-8", message + "\n");
	}

}
