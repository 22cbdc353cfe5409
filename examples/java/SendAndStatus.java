import org.sms1069.client.ApiProblem;
import org.sms1069.client.Message;
import org.sms1069.client.MessageType;
import org.sms1069.client.SendMessage;
import org.sms1069.client.SendResult;
import org.sms1069.client.SmsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends one notification with the Java client and follows its status until it is final.
 *
 * <pre>
 * set -a; . deploy/local/run/demo-app.env; set +a   # exports SMS_API_URL, SMS_KEY_ID, SMS_KEY_SECRET (after deploy/local/up.sh)
 * examples/java/run.sh 13800138000             # builds the client, then runs this file with java's source launcher
 * </pre>
 * Prints the send's answer and then the message's final status; exits 1 if it is not final within 60 s.
 */
public class SendAndStatus {
    public static void main(String[] args) throws InterruptedException {
        String phone = args.length > 0 ? args[0] : "13800138000";
        String signature = System.getenv().getOrDefault("SMS_SIGNATURE", "示例科技");
        SmsClient sms = SmsClient.builder(System.getenv("SMS_API_URL"), System.getenv("SMS_KEY_ID"),
                System.getenv("SMS_KEY_SECRET")).build();
        SendResult sent;
        try {
            sent = sms.send(SendMessage.text(List.of(phone), "【" + signature + "】您的订单已发货，请注意查收。", MessageType.NOTIFICATION)
                    .withClientRef("example-java"));
        } catch (ApiProblem problem) {
            System.err.println("refused: " + problem.status() + " " + problem.code() + ": " + problem.detail());
            System.exit(2);
            return;
        }
        System.out.println(sent);
        if (sent.messages().isEmpty()) {
            System.exit(2);
        }
        String id = sent.messages().get(0).messageId();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Message message = sms.getMessage(id);
            if (message.isFinal()) {
                System.out.println(message);
                return;
            }
            Thread.sleep(500);
        }
        System.err.println("message " + id + " is not final after 60 s");
        System.exit(1);
    }
}
