package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;

/**
 * AWS STS's {@code AssumeRoleWithWebIdentity}, in its Query protocol: a form-encoded
 * {@code POST /} answered in XML, as the <a href=
 * "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html">STS
 * API reference</a> shows it, and errors in the Query protocol's {@code ErrorResponse}
 * (<a href="https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html">common
 * errors</a>). It trusts the roles it is told to, each for one web identity token, as an
 * IAM role's trust policy trusts an EKS cluster's OIDC provider; the call itself is
 * unsigned, as on AWS.
 */
final class SecurityTokenService {

	private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

	/** The OIDC provider an EKS cluster registers in IAM, as STS reports it. */
	private static final String PROVIDER = "arn:aws:iam::123456789012:oidc-provider/"
			+ "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

	/** The subject of the token EKS projects for a pod's service account. */
	private static final String SUBJECT = "system:serviceaccount:default:default";

	private final Map<String, Trust> trusts = new ConcurrentHashMap<>();

	record Answer(int status, String body) {

	}

	private record Trust(String token, TemporaryCredentials credentials) {

	}

	TemporaryCredentials trust(String roleArn, String webIdentityToken, Duration lifetime) {
		TemporaryCredentials credentials = TemporaryCredentials.issue(lifetime);
		this.trusts.put(roleArn, new Trust(webIdentityToken, credentials));
		return credentials;
	}

	static boolean isQuery(@Nullable String contentType) {
		return contentType != null && contentType.startsWith("application/x-www-form-urlencoded");
	}

	Answer answer(byte[] body) {
		Map<String, List<String>> form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), false)
			.parameters();
		String action = first(form, "Action");
		if (!"AssumeRoleWithWebIdentity".equals(action)) {
			return error(400, "InvalidAction",
					"The emulator's STS answers AssumeRoleWithWebIdentity only, not " + action);
		}
		String roleArn = first(form, "RoleArn");
		String sessionName = first(form, "RoleSessionName");
		Trust trust = this.trusts.get(roleArn);
		if (trust == null) {
			return error(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
		}
		if (!trust.token().equals(first(form, "WebIdentityToken"))) {
			return error(400, "InvalidIdentityToken",
					"The web identity token that was passed could not be validated by AWS. Get a new identity token "
							+ "from the identity provider and then retry the request.");
		}
		TemporaryCredentials credentials = trust.credentials();
		String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
		return new Answer(200, "<AssumeRoleWithWebIdentityResponse xmlns=\"" + NAMESPACE + "\">"
				+ "<AssumeRoleWithWebIdentityResult>" + element("SubjectFromWebIdentityToken", SUBJECT)
				+ element("Audience", "sts.amazonaws.com") + "<AssumedRoleUser>"
				+ element("Arn", "arn:aws:sts::123456789012:assumed-role/" + roleName + "/" + sessionName)
				+ element("AssumedRoleId", "AROA3XFRBF535PLBIFPI4:" + sessionName) + "</AssumedRoleUser>"
				+ "<Credentials>" + element("SessionToken", credentials.sessionToken())
				+ element("SecretAccessKey", credentials.secretAccessKey())
				+ element("Expiration", credentials.expiration().toString())
				+ element("AccessKeyId", credentials.accessKeyId()) + "</Credentials>" + element("Provider", PROVIDER)
				+ "</AssumeRoleWithWebIdentityResult>" + metadata() + "</AssumeRoleWithWebIdentityResponse>");
	}

	private static String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : "";
	}

	private static Answer error(int status, String code, String message) {
		return new Answer(status,
				"<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type>" + element("Code", code)
						+ element("Message", message) + "</Error>" + element("RequestId", UUID.randomUUID().toString())
						+ "</ErrorResponse>");
	}

	private static String metadata() {
		return "<ResponseMetadata>" + element("RequestId", UUID.randomUUID().toString()) + "</ResponseMetadata>";
	}

	private static String element(String name, String value) {
		String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		return "<" + name + ">" + escaped + "</" + name + ">";
	}

}
