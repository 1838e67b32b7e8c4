package dev.stompchat.page;

import java.util.Collections;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * A {@link CookieLocaleResolver} that only ever answers English or Brazilian Portuguese,
 * whatever the cookie, the {@code lang} parameter or the {@code Accept-Language} header
 * asks for.
 */
class SupportedLocaleResolver extends CookieLocaleResolver {

	static final Locale ENGLISH = Locale.ENGLISH;

	static final Locale BRAZILIAN_PORTUGUESE = Locale.forLanguageTag("pt-BR");

	static final List<Locale> SUPPORTED = List.of(ENGLISH, BRAZILIAN_PORTUGUESE);

	SupportedLocaleResolver(String cookieName) {
		super(cookieName);
		setDefaultLocaleFunction(SupportedLocaleResolver::fromAcceptLanguage);
		// UnreadableLocaleCookieFilter takes such cookies away first; should one get
		// through, it is ignored rather than failing the request with 500
		setRejectInvalidCookies(false);
	}

	/**
	 * Whether a cookie value is a locale, as a language tag ({@code pt-BR}) or in Java's
	 * form ({@code pt_BR}), and nothing else: no time zone, which this application never
	 * writes, and nothing a language tag could not hold.
	 */
	boolean isReadable(String cookieValue) {
		if (cookieValue.isEmpty() || cookieValue.indexOf('/') >= 0 || cookieValue.indexOf(' ') >= 0) {
			return false;
		}
		try {
			Locale locale = super.parseLocaleValue(cookieValue);
			if (locale == null) {
				return false;
			}
			new Locale.Builder().setLocale(locale);
			return true;
		}
		catch (IllegalArgumentException | IllformedLocaleException ex) {
			return false;
		}
	}

	@Override
	public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
			@Nullable LocaleContext localeContext) {
		LocaleContext supported = (localeContext != null)
				? new SimpleLocaleContext(closestSupported(localeContext.getLocale())) : null;
		super.setLocaleContext(request, response, supported);
	}

	@Override
	protected Locale parseLocaleValue(String localeValue) {
		return closestSupported(super.parseLocaleValue(localeValue));
	}

	/** Portuguese of any region is served in pt-BR; anything else in English. */
	static Locale closestSupported(@Nullable Locale locale) {
		return (locale != null && BRAZILIAN_PORTUGUESE.getLanguage().equals(locale.getLanguage()))
				? BRAZILIAN_PORTUGUESE : ENGLISH;
	}

	static Locale fromAcceptLanguage(HttpServletRequest request) {
		// without the header the servlet container answers its own default locale
		if (!StringUtils.hasText(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))) {
			return ENGLISH;
		}
		// in the client's order of preference
		for (Locale locale : Collections.list(request.getLocales())) {
			for (Locale supported : SUPPORTED) {
				if (supported.getLanguage().equals(locale.getLanguage())) {
					return supported;
				}
			}
		}
		return ENGLISH;
	}

}
