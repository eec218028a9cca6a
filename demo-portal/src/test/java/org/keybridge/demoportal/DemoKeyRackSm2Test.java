package org.keybridge.demoportal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare-keys --sm2} on the layout {@code keybridge demo-keys --sm2} writes (a SoftHSM token directory whose
 * token.object holds the 地税CA label; the software UKey's device directory with its device.txt), laid out here by hand:
 * the real keys walk the story in {@link DemoStoryIT}.
 */
class DemoKeyRackSm2Test {
    @TempDir
    Path dir;

    private Path demoKeysSm2Layout() throws IOException {
        Path token = Files.createDirectories(dir.resolve("softhsm/tokens/0a1b"));
        Files.write(token.resolve("token.object"), ("..label " + DemoKeyRack.TAX_TOKEN + " ..").getBytes(StandardCharsets.UTF_8));
        Path other = Files.createDirectories(dir.resolve("softhsm/tokens/2c3d"));
        Files.write(other.resolve("token.object"), "..label 社保CA ..".getBytes(StandardCharsets.UTF_8));
        Path device = Files.createDirectories(dir.resolve("skfsoft/ukey-1"));
        Files.writeString(device.resolve("device.txt"), "label=地税CA-SM2\n");
        return device;
    }

    @Test
    void theSm2KeyStartsPulledOutAndTheSoftHsmTaxKeyIsGone() throws Exception {
        Path device = demoKeysSm2Layout();
        DemoKeyRack rack = DemoKeyRack.prepareSm2(dir);

        assertThat(rack.available()).isTrue();
        assertThat(rack.sm2()).isTrue();
        assertThat(rack.label()).isEqualTo("地税CA-SM2");
        assertThat(rack.inserted()).isFalse();
        assertThat(device).doesNotExist(); // the UKey's store no longer holds the device: pulled out
        assertThat(dir.resolve("softhsm/tokens/0a1b")).doesNotExist();
        assertThat(dir.resolve("softhsm/tokens/2c3d")).isDirectory(); // 社保CA stays for step 1
        assertThat(new DemoKeyRack(dir).label()).as("the portal's rack, made from the directory alone").isEqualTo("地税CA-SM2");
    }

    @Test
    void insertAndRemoveMoveTheDeviceIntoTheStoreAndOut() throws Exception {
        Path device = demoKeysSm2Layout();
        DemoKeyRack rack = DemoKeyRack.prepareSm2(dir);

        rack.insert();
        assertThat(device.resolve("device.txt")).hasContent("label=地税CA-SM2");
        assertThat(rack.inserted()).isTrue();
        rack.insert(); // twice: still in, nothing lost
        assertThat(rack.inserted()).isTrue();
        rack.remove();
        assertThat(device).doesNotExist();
        assertThat(rack.inserted()).isFalse();
        assertThat(DemoKeyRack.prepareSm2(dir).inserted()).as("a second prepare changes nothing").isFalse();
    }

    @Test
    void withoutTheSm2KeyOrAfterTheSoftHsmPreparationItSaysWhatToDo() throws Exception {
        Files.createDirectories(dir.resolve("softhsm/tokens"));
        assertThatThrownBy(() -> DemoKeyRack.prepareSm2(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("demo-keys --sm2");

        demoKeysSm2Layout();
        Files.createDirectories(dir.resolve("softhsm-tax"));
        Files.writeString(dir.resolve("softhsm-tax/usb-port.control"), "REMOVED=1\n");
        assertThatThrownBy(() -> DemoKeyRack.prepareSm2(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("already prepared for the SoftHSM tax-CA key");
        assertThat(dir.resolve("skfsoft/ukey-1/device.txt")).exists();
    }
}
