package io.github.sagemakerstreaming.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A chat page that streams the tokens of a SageMaker endpoint to the browser.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatSettings.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
