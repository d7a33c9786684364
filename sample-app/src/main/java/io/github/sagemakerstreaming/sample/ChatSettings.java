package io.github.sagemakerstreaming.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the server decides of every chat, whatever the browser sends.
 *
 * @param systemPrompt the system message put before every conversation; none when empty
 * @param maxTokens the most tokens a browser may ask for
 * @param maxMessages the most messages a conversation may have
 * @param maxCharacters the most characters all the messages of a conversation may have
 * together
 */
@ConfigurationProperties("sample")
record ChatSettings(@DefaultValue("") String systemPrompt, @DefaultValue("1024") int maxTokens,
		@DefaultValue("40") int maxMessages, @DefaultValue("32000") int maxCharacters) {

}
