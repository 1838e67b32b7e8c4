package dev.stompchat.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's baseline: a chat as a Spring user writes it from Spring's STOMP guide,
 * with stomp-chat's destinations and message form and none of its features, so that
 * {@code bench/compare} can show what those features and stomp-chat's tuning cost or gain
 * against bare Spring.
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

}
