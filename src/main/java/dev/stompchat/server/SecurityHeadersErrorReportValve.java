package dev.stompchat.server;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report, for the errors Tomcat answers before the application sees the
 * request (a URI it cannot map, such as one with an encoded slash, or a request header
 * larger than it takes), with the headers {@link SecurityHeadersFilter} gives every other
 * response. Like Spring Boot's, it names neither the server nor the cause.
 */
class SecurityHeadersErrorReportValve extends ErrorReportValve {

	SecurityHeadersErrorReportValve() {
		setShowServerInfo(false);
		setShowReport(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		// the same conditions under which Tomcat writes its report: an answer of the
		// application's own, already written or not, keeps its headers
		if (response.getStatus() >= 400 && response.getContentWritten() == 0 && response.isErrorReportRequired()) {
			SecurityHeadersFilter.setCommonHeaders(response);
			response.setHeader("Content-Security-Policy", SecurityHeadersFilter.PAGE_POLICY);
		}
		super.report(request, response, throwable);
	}

}
