package io.github.sagemakerstreaming.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints registered through {@code META-INF/spring/aot.factories}, as an AOT build
 * collects them, against the class names that the AWS SDK on the classpath loads.
 */
class AwsCredentialsRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	AwsCredentialsRuntimeHintsTests() {
		AotServices.factories()
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
	}

	@ParameterizedTest
	@MethodSource("providerFactoriesTheSdkLoadsByName")
	void everyProviderFactoryTheSdkLoadsByNameCanBeConstructedInANativeImage(String factory) {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(factory))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
	}

	/**
	 * The names the SDK's default chains load, read from the SDK's own constants so that
	 * an upgrade that adds or renames one fails here.
	 */
	static Stream<String> providerFactoriesTheSdkLoadsByName() {
		return Stream
			.of("software.amazon.awssdk.auth.credentials.internal.ProfileCredentialsUtils",
					"software.amazon.awssdk.auth.credentials.internal.WebIdentityCredentialsUtils",
					"software.amazon.awssdk.auth.token.internal.ProfileTokenProviderLoader")
			.map((name) -> ClassUtils.resolveClassName(name, null))
			.flatMap((type) -> Arrays.stream(type.getDeclaredFields()))
			.filter(AwsCredentialsRuntimeHintsTests::isFactoryName)
			.map(AwsCredentialsRuntimeHintsTests::value);
	}

	private static boolean isFactoryName(Field field) {
		return Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
				&& field.getName().endsWith("_FACTORY");
	}

	private static String value(Field field) {
		ReflectionUtils.makeAccessible(field);
		return (String) ReflectionUtils.getField(field, null);
	}

}
