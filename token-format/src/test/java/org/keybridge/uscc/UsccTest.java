package org.keybridge.uscc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    // Alphabet values used below: digits are themselves; T = 26 (0-9, A10 B11 C12 D13 E14 F15
    // G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30).
    // Weights 3^(i-1) mod 31: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.

    /** Shenzhen Tencent Computer Systems Co., Ltd., as published in its business licence. */
    private static final String TENCENT = "91440300708461136T";

    /** Huawei Technologies Co., Ltd., as published in its business licence. */
    private static final String HUAWEI = "914403001922038216";

    @Test
    void tencentCheckCharacterMatchesHandComputedWeightedSum() {
        //          9  1  4   4    0  3   0  0  7   0  8   4   6  1   1   3   6
        int sum = 9 * 1 + 1 * 3 + 4 * 9 + 4 * 27 + 0 * 19 + 3 * 26 + 0 * 16 + 0 * 17 + 7 * 20
                + 0 * 29 + 8 * 25 + 4 * 13 + 6 * 8 + 1 * 24 + 1 * 10 + 3 * 30 + 6 * 28;
        assertThat(sum).isEqualTo(966); // 966 = 31 * 31 + 5, so the check value is 31 - 5 = 26 = 'T'
        assertThat(Uscc.checkCharacter(TENCENT.substring(0, 17))).isEqualTo('T');
        assertThat(Uscc.isValid(TENCENT)).isTrue();
    }

    @Test
    void huaweiCheckCharacterMatchesHandComputedWeightedSum() {
        //          9  1  4   4    0  3   0  0  1   9  2   2   0  3   8   2   1
        int sum = 9 * 1 + 1 * 3 + 4 * 9 + 4 * 27 + 0 * 19 + 3 * 26 + 0 * 16 + 0 * 17 + 1 * 20
                + 9 * 29 + 2 * 25 + 2 * 13 + 0 * 8 + 3 * 24 + 8 * 10 + 2 * 30 + 1 * 28;
        assertThat(sum).isEqualTo(831); // 831 = 31 * 26 + 25, so the check value is 31 - 25 = 6
        assertThat(Uscc.checkCharacter(HUAWEI.substring(0, 17))).isEqualTo('6');
        assertThat(Uscc.isValid(HUAWEI)).isTrue();
    }

    @Test
    void organizationCodeChecksMatchHandComputedGb11714Sums() {
        // weights 3 7 9 10 5 8 4 2; check = 11 - sum mod 11
        int tencent = 7 * 3 + 0 * 7 + 8 * 9 + 4 * 10 + 6 * 5 + 1 * 8 + 1 * 4 + 3 * 2; // 181, mod 11 = 5 -> 6
        int huawei = 1 * 3 + 9 * 7 + 2 * 9 + 2 * 10 + 0 * 5 + 3 * 8 + 8 * 4 + 2 * 2; // 164, mod 11 = 10 -> 1
        assertThat(tencent).isEqualTo(181);
        assertThat(huawei).isEqualTo(164);
        assertThat(Uscc.organizationCodeCheckCharacter("70846113")).isEqualTo('6');
        assertThat(Uscc.organizationCodeCheckCharacter("19220382")).isEqualTo('1');
        assertThat(Uscc.parse(TENCENT).organizationCodeValid()).isTrue();
        assertThat(Uscc.parse(HUAWEI).organizationCodeValid()).isTrue();
    }

    @Test
    void organizationCheckMapsRemainderOneToXAndZeroToZero() {
        // "00000001": sum = 1 * 2 = 2 -> 9; "00000005": 10 -> 1; "10000000": 3 -> 8.
        // Remainder 1 -> c = 10 -> 'X': "00000000" + d with 2d = 1 mod 11 -> d = 6 (12 mod 11 = 1).
        assertThat(Uscc.organizationCodeCheckCharacter("00000006")).isEqualTo('X');
        // Remainder 0 -> c = 11 -> '0'.
        assertThat(Uscc.organizationCodeCheckCharacter("00000000")).isEqualTo('0');
        assertThat(Uscc.organizationCodeCheckCharacter("00000001")).isEqualTo('9');
        // Letters count A=10 .. Z=35: "A0000000" sum 30, mod 11 = 8 -> 3.
        assertThat(Uscc.organizationCodeCheckCharacter("A0000000")).isEqualTo('3');
    }

    @Test
    void organizationCodeMayBeInvalidWhileTheUsccIsValid() {
        Uscc uscc = Uscc.withCheckCharacter("91440300708461130"); // position 17 should be 6
        assertThat(uscc.organizationCodeValid()).isFalse();
        assertThat(Uscc.isValid(uscc.value())).isTrue();
    }

    @Test
    void partsAreReadFromTheirPositions() {
        Uscc uscc = Uscc.parse(TENCENT);
        assertThat(uscc.administrativeDivision()).isEqualTo("440300");
        assertThat(uscc.organizationCode()).isEqualTo("708461136");
        assertThat(uscc).hasToString(TENCENT);
    }

    @Test
    void parseTrimsAndUppercases() {
        assertThat(Uscc.parse("  91440300708461136t\n").value()).isEqualTo(TENCENT);
        assertThat(Uscc.isValid(" 91440300708461136t ")).isTrue();
    }

    @Test
    void constructorDoesNotNormalize() {
        assertThatThrownBy(() -> new Uscc("91440300708461136t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 18");
    }

    @Test
    void wrongCheckCharacterIsReportedWithTheExpectedOne() {
        assertThatThrownBy(() -> Uscc.parse("91440300708461136U"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check character")
                .hasMessageContaining("expected 'T'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9144030070846113", "91440300708461136TT"})
    void wrongLengthIsRejected(String s) {
        assertThat(Uscc.isValid(s)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18 characters");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V'})
    void lettersOutsideTheAlphabetAreRejected(char letter) {
        String s = "91440300708461" + letter + "36T";
        assertThat(Uscc.isValid(s)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 15")
                .hasMessageContaining("alphabet");
        assertThatThrownBy(() -> Uscc.checkCharacter(s.substring(0, 17)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lettersInTheAdministrativeDivisionAreRejected() {
        // a correct check character for a malformed prefix must not rescue it
        String prefix = "9144A300708461136";
        String s = prefix + Uscc.checkCharacter(prefix);
        assertThat(Uscc.isValid(s)).isFalse();
        assertThatThrownBy(() -> Uscc.parse(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 5")
                .hasMessageContaining("digit");
        assertThatThrownBy(() -> Uscc.withCheckCharacter(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digit");
    }

    @Test
    void nullIsInvalidNotACrash() {
        assertThat(Uscc.isValid(null)).isFalse();
        assertThat(Uscc.findIn(null)).isEmpty();
        assertThatThrownBy(() -> Uscc.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "91440300708461136T",
        "serialNumber=91440300708461136T",
        "NTRCN-91440300708461136T",
        "N91440300708461136T@1",
        "统一社会信用代码：91440300708461136t（深圳）",
        "CN=腾讯, OID.2.5.4.5=91440300708461136T, C=CN"
    })
    void findInPullsTheCodeOutOfNoise(String text) {
        assertThat(Uscc.findIn(text)).contains(Uscc.parse(TENCENT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no code here", "91440300708461136U", "9144030070846113", "N9144O300708461136T@1"})
    void findInFindsNothingWithoutAValidCode(String text) {
        assertThat(Uscc.findIn(text)).isEmpty();
    }

    @Test
    void findInTakesTheFirstOfTwoCodes() {
        assertThat(Uscc.findIn(HUAWEI + " " + TENCENT)).contains(Uscc.parse(HUAWEI));
    }
}
