package org.keybridge.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Sm2MechanismRolesTest {
    @Test
    void vendorSpellingsAreAlsoPutUnderTheirRoleAndOtherNamesStay() {
        Map<String, Long> haitai = Map.of("CKK_SM2", 0x00010001L, "CKM_SM2_SIGN_VERIFY", 0x00010002L,
                "CKM_SM2_SM3_SIGN_VERIFY", 0x00010004L, "CKM_SM3", 0x00010005L);
        assertThat(Sm2MechanismRoles.byRole(haitai)).containsAllEntriesOf(haitai)
                .containsEntry("CKM_SM2_SIGN", 0x00010002L).containsEntry("CKM_SM3_SM2", 0x00010004L)
                .doesNotContainKey("CKM_SM2_SIGN_NO_DER").hasSize(6);
        assertThat(Sm2MechanismRoles.roleOf("CKM_SM3")).isNull();
        assertThat(Sm2MechanismRoles.roleOf("CKM_SM2_SIGN_NO_DER")).isEqualTo("CKM_SM2_SIGN_NO_DER");
    }

    @Test
    void aRoleGivenByItsOwnNameWinsAndOfTwoAliasesTheFirstByNameDoes() {
        assertThat(Sm2MechanismRoles.byRole(Map.of("CKM_SM3_SM2", 0x80008100L, "CKM_SM2_SM3_SIGN_VERIFY", 0x00010004L)))
                .containsEntry("CKM_SM3_SM2", 0x80008100L);
        assertThat(Sm2MechanismRoles.byRole(Map.of("CKM_VENDOR_SM2_SM3", 0xFFFFF003L, "CKM_SM2_SM3_SIGN_VERIFY", 0x00010004L)))
                .containsEntry("CKM_SM3_SM2", 0x00010004L);
    }
}
