package dev.stompchat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StompChatApplication {

	public static void main(String[] args) {
		SpringApplication.run(StompChatApplication.class, args);
	}

}
