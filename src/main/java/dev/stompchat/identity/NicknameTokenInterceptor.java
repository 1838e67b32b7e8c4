package dev.stompchat.identity;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Hands the client its {@code nickname-token} in the CONNECTED frame.
 * <p>
 * The broker answers CONNECT with a protocol-neutral CONNECT_ACK, which Spring turns into
 * a CONNECTED frame of its own, dropping any header added to the CONNECT_ACK. So this
 * builds the CONNECTED frame here, as Spring would (negotiated version and heart-beats),
 * with the token added; Spring then adds {@code user-name}.
 */
@Component
public class NicknameTokenInterceptor implements ChannelInterceptor {

	private static final List<String> VERSIONS = List.of("1.2", "1.1", "1.0");

	private final NicknameClaims registry;

	NicknameTokenInterceptor(NicknameClaims registry) {
		this.registry = registry;
	}

	@Override
	public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
		if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.CONNECT_ACK) {
			return message;
		}
		SimpMessageHeaderAccessor ack = MessageHeaderAccessor.getAccessor(message, SimpMessageHeaderAccessor.class);
		String token = this.registry.tokenOf(ack.getSessionId());
		Message<?> connect = (Message<?>) ack.getHeader(StompHeaderAccessor.CONNECT_MESSAGE_HEADER);
		if (token == null || connect == null) {
			return message;
		}
		StompHeaderAccessor connected = StompHeaderAccessor.create(StompCommand.CONNECTED);
		connected.setSessionId(ack.getSessionId());
		connected.setUser(ack.getUser());
		Set<String> accepted = StompHeaderAccessor.wrap(connect).getAcceptVersion();
		VERSIONS.stream().filter(accepted::contains).findFirst().ifPresent(connected::setVersion);
		long[] heartbeat = (long[]) ack.getHeader(SimpMessageHeaderAccessor.HEART_BEAT_HEADER);
		connected.setHeartbeat((heartbeat != null) ? heartbeat[0] : 0, (heartbeat != null) ? heartbeat[1] : 0);
		connected.setNativeHeader(NicknameInterceptor.TOKEN_HEADER, token);
		return MessageBuilder.createMessage(message.getPayload(), connected.getMessageHeaders());
	}

}
