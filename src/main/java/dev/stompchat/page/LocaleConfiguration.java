package dev.stompchat.page;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The page language: {@code ?lang=pt-BR} (or {@code pt_BR}, {@code en}) chooses it and a
 * cookie remembers it; without the cookie, or with one that cannot be read, the
 * {@code Accept-Language} header decides.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

	static final String LANGUAGE_PARAMETER = "lang";

	static final String LOCALE_COOKIE = "stomp-chat.locale";

	static final String COOKIE_PATH = "/";

	static final String COOKIE_SAME_SITE = "Lax";

	// DispatcherServlet finds the resolver by this bean name
	@Bean
	SupportedLocaleResolver localeResolver() {
		SupportedLocaleResolver resolver = new SupportedLocaleResolver(LOCALE_COOKIE);
		resolver.setCookiePath(COOKIE_PATH);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite(COOKIE_SAME_SITE);
		resolver.setCookieHttpOnly(true);
		return resolver;
	}

	@Bean
	UnreadableLocaleCookieFilter unreadableLocaleCookieFilter(SupportedLocaleResolver localeResolver) {
		return new UnreadableLocaleCookieFilter(localeResolver);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName(LANGUAGE_PARAMETER);
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

}
