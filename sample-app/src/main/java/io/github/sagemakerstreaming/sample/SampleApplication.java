package io.github.sagemakerstreaming.sample;

import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A chat page that streams the tokens of a SageMaker endpoint to the browser.
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatSettings.class)
public class SampleApplication {

	private static final int MAX_CONVERSATIONS = 1000;

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/**
	 * Where Spring AI's auto-configured chat memory keeps the agent's conversations: at
	 * most {@value #MAX_CONVERSATIONS}, the least recently used forgotten first.
	 * @return the repository
	 */
	@Bean
	ChatMemoryRepository chatMemoryRepository() {
		return new BoundedChatMemoryRepository(MAX_CONVERSATIONS);
	}

}
