package dev.stompchat.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading frames in place: the marker of a delivery, the code of an error, and the step a
 * RECEIPT or an error answers.
 */
class StompFramesTests {

	@Test
	void markerInTheBodyGivesStepAndSendTime() {
		ByteBuf frame = frame("MESSAGE\ndestination:/topic/rooms.bench\nsubscription:room\n\n"
				+ "{\"id\":\"7\",\"text\":\"bench:-3:42:123456789\",\"type\":\"CHAT\"}");
		List<long[]> deliveries = new ArrayList<>();

		boolean read = StompFrames.readMarker(frame, StompFrames.bodyStart(frame, 0, frame.writerIndex()),
				frame.writerIndex(), 999,
				(step, sent, received) -> deliveries.add(new long[] { step, sent, received }));

		assertThat(read).isTrue();
		assertThat(deliveries).containsExactly(new long[] { -3, 123456789, 999 });
	}

	@Test
	void bodyWithoutMarkerIsNoDelivery() {
		ByteBuf frame = frame("MESSAGE\nsubscription:room\n\n{\"type\":\"JOIN\",\"sender\":\"bench:x\"}");

		boolean read = StompFrames.readMarker(frame, 0, frame.writerIndex(), 0, DeliveryListener.NONE);

		assertThat(read).isFalse();
	}

	@Test
	void errorCodeIsReadFromTheJsonBody() {
		ByteBuf frame = frame("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down.\"}");

		assertThat(StompFrames.errorCode(frame, 0, frame.writerIndex())).isEqualTo("RATE_LIMITED");
	}

	@Test
	void receiptIdGivesTheStepOfTheMessageItAnswers() {
		ByteBuf warmUp = frame("RECEIPT\nreceipt-id:" + StompFrames.receiptId(-3, 17) + "\n\n");
		ByteBuf measured = frame("RECEIPT\r\nreceipt-id:" + StompFrames.receiptId(12, 4) + "\r\n\r\n");

		assertThat(StompFrames.receiptStep(warmUp, 0, warmUp.writerIndex())).isEqualTo(-3);
		assertThat(StompFrames.receiptStep(measured, 0, measured.writerIndex())).isEqualTo(12);
	}

	@Test
	void receiptIdOfAnotherMakeGivesNoStep() {
		ByteBuf other = frame("RECEIPT\nreceipt-id:r-17\n\n");
		ByteBuf none = frame("RECEIPT\nmessage-id:r2.5\n\nreceipt-id:r2.5");
		ByteBuf bare = frame("RECEIPT\nreceipt-id:r.5\n\n");

		assertThat(StompFrames.receiptStep(other, 0, other.writerIndex())).isEqualTo(StompFrames.NO_STEP);
		assertThat(StompFrames.receiptStep(none, 0, none.writerIndex())).isEqualTo(StompFrames.NO_STEP);
		assertThat(StompFrames.receiptStep(bare, 0, bare.writerIndex())).isEqualTo(StompFrames.NO_STEP);
	}

	@Test
	void errorBodyGivesTheStepOfTheRefusedMessage() {
		ByteBuf frame = frame("MESSAGE\ndestination:/user/queue/errors\nsubscription:errors\n\n"
				+ "{\"code\":\"OVERLOADED\",\"message\":\"Too busy: try again.\","
				+ "\"destination\":\"/app/rooms.bench.send\",\"receipt\":\"" + StompFrames.receiptId(-2, 17) + "\"}");
		int body = StompFrames.bodyStart(frame, 0, frame.writerIndex());

		assertThat(StompFrames.errorCode(frame, body, frame.writerIndex())).isEqualTo("OVERLOADED");
		assertThat(StompFrames.errorStep(frame, body, frame.writerIndex())).isEqualTo(-2);
	}

	@Test
	void errorBodyWithoutReceiptGivesNoStep() {
		ByteBuf frame = frame("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down.\"}");

		assertThat(StompFrames.errorStep(frame, 0, frame.writerIndex())).isEqualTo(StompFrames.NO_STEP);
	}

	@Test
	void headerLineMatchesWholeLinesOnly() {
		ByteBuf frame = frame("MESSAGE\nsubscription:errors-2\r\nsubscription:errors\r\n\r\nbody");
		ByteBuf other = frame("MESSAGE\nsubscription:errors-2\n\nbody");
		byte[] errors = StompFrames.bytes("subscription:errors");

		assertThat(StompFrames.hasHeaderLine(frame, 0, StompFrames.bodyStart(frame, 0, frame.writerIndex()), errors))
			.isTrue();
		assertThat(StompFrames.hasHeaderLine(other, 0, StompFrames.bodyStart(other, 0, other.writerIndex()), errors))
			.isFalse();
	}

	private static ByteBuf frame(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
	}

}
