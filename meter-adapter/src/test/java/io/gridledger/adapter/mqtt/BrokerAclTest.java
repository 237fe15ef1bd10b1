package io.gridledger.adapter.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production ACL ({@code ops/mosquitto/gridledger.acl}) on a real Mosquitto with passwords and
 * no anonymous access: a meter publishes only to its own topics and reads only its own commands;
 * the head-end reads every meter. (TLS is left out here: it needs certificates of a PKI.)
 */
class BrokerAclTest {

    private static Path dir;
    private static int port;
    private static Process broker;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("gridledger-acl");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "");
        for (String[] user : new String[][] {{"gridledger-head-end", "he-secret"}, {"meter-a", "a-secret"},
            {"meter-b", "b-secret"}}) {
            Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user[0], user[1]).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
        Path acl = Path.of("..", "ops", "mosquitto", "gridledger.acl").toAbsolutePath().normalize();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "per_listener_settings false\nallow_anonymous false\npassword_file " + passwords
                + "\nacl_file " + acl + "\nlistener " + port + " 127.0.0.1\nlog_dest none\n");
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        await("mosquitto listens on port " + port).atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            new Socket("127.0.0.1", port).close();
            return true;
        });
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aMeterPublishesOnlyToItsOwnTopicsAndTheHeadEndSeesThem() throws Exception {
        Mqtt5BlockingClient headEnd = client("acl-head-end", "gridledger-head-end", "he-secret");
        var received = headEnd.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
        headEnd.subscribeWith().topicFilter("gridledger/meters/+/readings").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient meterA = client("acl-meter-a", "meter-a", "a-secret");

        meterA.publishWith().topic("gridledger/meters/meter-a/readings").qos(MqttQos.AT_LEAST_ONCE)
                .payload("own".getBytes(StandardCharsets.UTF_8)).send();
        assertThatThrownBy(() -> meterA.publishWith().topic("gridledger/meters/meter-b/readings")
                .qos(MqttQos.AT_LEAST_ONCE).payload("forged".getBytes(StandardCharsets.UTF_8)).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        Optional<Mqtt5Publish> first = received.receive(5, TimeUnit.SECONDS);
        assertThat(first).map(p -> p.getTopic().toString()).contains("gridledger/meters/meter-a/readings");
        assertThat(received.receive(1, TimeUnit.SECONDS)).as("the forged message never reached the head-end").isEmpty();

        // Mosquitto grants the subscription but delivers only what the ACL lets the meter read
        var commandsForA = meterA.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL);
        meterA.subscribeWith().topicFilter("gridledger/meters/+/relay/command").qos(MqttQos.AT_LEAST_ONCE).send();
        headEnd.publishWith().topic("gridledger/meters/meter-b/relay/command").qos(MqttQos.AT_LEAST_ONCE)
                .payload("for b".getBytes(StandardCharsets.UTF_8)).send();
        headEnd.publishWith().topic("gridledger/meters/meter-a/relay/command").qos(MqttQos.AT_LEAST_ONCE)
                .payload("for a".getBytes(StandardCharsets.UTF_8)).send();
        Optional<Mqtt5Publish> command = commandsForA.receive(5, TimeUnit.SECONDS);
        assertThat(command).map(p -> p.getTopic().toString()).contains("gridledger/meters/meter-a/relay/command");
        assertThat(commandsForA.receive(1, TimeUnit.SECONDS)).as("another meter's command is not delivered").isEmpty();
        assertThatThrownBy(() -> meterA.publishWith().topic("gridledger/meters/meter-a/relay/command")
                .qos(MqttQos.AT_LEAST_ONCE).payload("self-made".getBytes(StandardCharsets.UTF_8)).send())
                .as("a meter cannot give itself commands").isInstanceOf(Mqtt5PubAckException.class);
        headEnd.disconnect();
        meterA.disconnect();
    }

    @Test
    void noAnonymousClientsAndNoWrongPasswords() {
        assertThatThrownBy(() -> MqttClient.builder().useMqttVersion5().identifier("acl-anon").serverHost("127.0.0.1")
                .serverPort(port).buildBlocking().connect()).isInstanceOf(Mqtt5ConnAckException.class);
        assertThatThrownBy(() -> client("acl-wrong", "meter-a", "guess")).isInstanceOf(Mqtt5ConnAckException.class);
    }

    private static Mqtt5BlockingClient client(String id, String user, String password) {
        Mqtt5BlockingClient c = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(port).simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().buildBlocking();
        c.connect();
        return c;
    }
}
