package io.github.sagemakerstreaming.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * Lets a native image construct the credential and token providers that the AWS SDK's
 * default chains load by class name, when their module is on the classpath: web identity
 * (EKS IRSA) and profiles with {@code role_arn} ({@code sts}), IAM Identity Center
 * profiles ({@code sso}, {@code ssooidc}) and login profiles ({@code signin}). The SDK's
 * own native-image metadata covers only the web-identity factory, and in {@code ssooidc}
 * names a class that the module does not have. A type that is absent is ignored by the
 * native-image build.
 */
class AwsCredentialsRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The factories, as the SDK names them ({@code ProfileCredentialsUtils},
	 * {@code WebIdentityCredentialsUtils}, {@code ProfileTokenProviderLoader}); it builds
	 * each through its public no-argument constructor.
	 */
	private static final List<String> PROVIDER_FACTORIES = List.of(
			"software.amazon.awssdk.services.sts.internal.StsWebIdentityCredentialsProviderFactory",
			"software.amazon.awssdk.services.sts.internal.StsProfileCredentialsProviderFactory",
			"software.amazon.awssdk.services.sso.auth.SsoProfileCredentialsProviderFactory",
			"software.amazon.awssdk.services.ssooidc.SsoOidcProfileTokenProviderFactory",
			"software.amazon.awssdk.services.signin.auth.LoginProfileCredentialsProviderFactory");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		PROVIDER_FACTORIES.forEach((factory) -> hints.reflection()
			.registerType(TypeReference.of(factory), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
	}

}
