/*
 * p11sm2: a PKCS#11 TEST module with one SM2 key under one vendor's mechanism numbers, over OpenSSL 3's SM2/SM3.
 * It stands in for a Chinese vendor PKCS#11 library so that KeyBridge's "SM2 through a vendor mechanism" path is
 * tested for real. Numbers: the CKM_VENDOR_DEFINED + 0x8000 family used by Sansec, TASS and ChainMaker
 * (see shared/research/china-ca.md):
 *   CKK_SM2             0x80000004
 *   CKM_SM3_SM2         0x80008100  the token hashes: e = SM3(Z || M) with ID 1234567812345678, DER signature
 *   CKM_SM2_SIGN        0x80008104  signs a 32-byte e, DER signature
 *   CKM_SM2_SIGN_NO_DER 0x80008105  signs a 32-byte e, raw r || s
 *
 * Configuration (environment, read at C_Initialize): P11SM2_KEY (PEM private key), P11SM2_CERT (DER certificate),
 * P11SM2_PIN (the user PIN: a test module), P11SM2_LABEL (token label). One slot (id 1) whose token is present
 * while the key file is readable. Exports only C_GetFunctionList, as many vendor modules do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <p11-kit/pkcs11.h>

#define CKK_SM2 0x80000004UL
#define CKM_SM3_SM2 0x80008100UL
#define CKM_SM2_SIGN 0x80008104UL
#define CKM_SM2_SIGN_NO_DER 0x80008105UL
#define SLOT 1
#define MAX_SESSIONS 16
#define H_CERT 1
#define H_PUB 2
#define H_PRIV 3

static int initialized, loggedIn;
static char keyPath[1024], certPath[1024], pin[64], label[33];
static struct { int open, findPos, findCount; CK_OBJECT_HANDLE found[3]; CK_MECHANISM_TYPE signMech; int signing; } sessions[MAX_SESSIONS];
static const CK_BYTE ID[] = {0x01};

static void env(const char *name, char *out, size_t n, const char *dflt) {
    const char *v = getenv(name);
    snprintf(out, n, "%s", v && *v ? v : dflt);
}

static int present(void) { return access(keyPath, R_OK) == 0; }

CK_RV C_Initialize(CK_VOID_PTR args) {
    (void)args;
    if (initialized) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    env("P11SM2_KEY", keyPath, sizeof keyPath, "");
    env("P11SM2_CERT", certPath, sizeof certPath, "");
    env("P11SM2_PIN", pin, sizeof pin, "");
    env("P11SM2_LABEL", label, sizeof label, "SM2 test token");
    memset(sessions, 0, sizeof sessions);
    loggedIn = 0;
    initialized = 1;
    return CKR_OK;
}

CK_RV C_Finalize(CK_VOID_PTR r) {
    (void)r;
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    initialized = 0;
    return CKR_OK;
}

static void pad(CK_UTF8CHAR *dst, size_t n, const char *src) {
    memset(dst, ' ', n);
    size_t l = strlen(src);
    memcpy(dst, src, l < n ? l : n);
}

CK_RV C_GetInfo(CK_INFO_PTR info) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    memset(info, 0, sizeof *info);
    info->cryptokiVersion.major = 2;
    info->cryptokiVersion.minor = 40;
    pad(info->manufacturerID, sizeof info->manufacturerID, "KeyBridge p11sm2 (test)");
    pad(info->libraryDescription, sizeof info->libraryDescription, "SM2 vendor-mechanism test module");
    return CKR_OK;
}

CK_RV C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    CK_ULONG n = (!tokenPresent || present()) ? 1 : 0;
    if (!list) { *count = n; return CKR_OK; }
    if (*count < n) { *count = n; return CKR_BUFFER_TOO_SMALL; }
    if (n) list[0] = SLOT;
    *count = n;
    return CKR_OK;
}

CK_RV C_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    memset(info, 0, sizeof *info);
    pad(info->slotDescription, sizeof info->slotDescription, "p11sm2 slot");
    pad(info->manufacturerID, sizeof info->manufacturerID, "KeyBridge p11sm2 (test)");
    info->flags = CKF_REMOVABLE_DEVICE | (present() ? CKF_TOKEN_PRESENT : 0);
    return CKR_OK;
}

CK_RV C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    if (!present()) return CKR_TOKEN_NOT_PRESENT;
    memset(info, 0, sizeof *info);
    pad(info->label, sizeof info->label, label);
    pad(info->manufacturerID, sizeof info->manufacturerID, "KeyBridge p11sm2 (test)");
    pad(info->model, sizeof info->model, "SM2 vendor mech");
    pad(info->serialNumber, sizeof info->serialNumber, "P11SM2-0001");
    info->flags = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED;
    info->ulMaxPinLen = 16;
    info->ulMinPinLen = 6;
    return CKR_OK;
}

static const CK_MECHANISM_TYPE MECHS[] = {CKM_SM3_SM2, CKM_SM2_SIGN, CKM_SM2_SIGN_NO_DER};

CK_RV C_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    CK_ULONG n = sizeof MECHS / sizeof MECHS[0];
    if (!list) { *count = n; return CKR_OK; }
    if (*count < n) { *count = n; return CKR_BUFFER_TOO_SMALL; }
    memcpy(list, MECHS, sizeof MECHS);
    *count = n;
    return CKR_OK;
}

static CK_RV session(CK_SESSION_HANDLE h) {
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (h < 1 || h > MAX_SESSIONS || !sessions[h - 1].open) return CKR_SESSION_HANDLE_INVALID;
    if (!present()) return CKR_DEVICE_REMOVED;
    return CKR_OK;
}

CK_RV C_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR h) {
    (void)flags; (void)app; (void)notify;
    if (!initialized) return CKR_CRYPTOKI_NOT_INITIALIZED;
    if (slot != SLOT) return CKR_SLOT_ID_INVALID;
    if (!present()) return CKR_TOKEN_NOT_PRESENT;
    for (int i = 0; i < MAX_SESSIONS; i++) {
        if (!sessions[i].open) {
            memset(&sessions[i], 0, sizeof sessions[i]);
            sessions[i].open = 1;
            *h = (CK_SESSION_HANDLE)(i + 1);
            return CKR_OK;
        }
    }
    return CKR_SESSION_COUNT;
}

CK_RV C_CloseSession(CK_SESSION_HANDLE h) {
    if (h < 1 || h > MAX_SESSIONS || !sessions[h - 1].open) return CKR_SESSION_HANDLE_INVALID;
    sessions[h - 1].open = 0;
    int any = 0;
    for (int i = 0; i < MAX_SESSIONS; i++) any |= sessions[i].open;
    if (!any) loggedIn = 0; /* the login state ends with the last session */
    return CKR_OK;
}

CK_RV C_Login(CK_SESSION_HANDLE h, CK_USER_TYPE type, CK_UTF8CHAR_PTR p, CK_ULONG len) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    if (type != CKU_USER) return CKR_USER_TYPE_INVALID;
    if (loggedIn) return CKR_USER_ALREADY_LOGGED_IN;
    if (len != strlen(pin) || memcmp(p, pin, len) != 0) return CKR_PIN_INCORRECT;
    loggedIn = 1;
    return CKR_OK;
}

CK_RV C_Logout(CK_SESSION_HANDLE h) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    loggedIn = 0;
    return CKR_OK;
}

static int readFile(const char *path, unsigned char **out, long *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    *out = malloc(*len > 0 ? *len : 1);
    size_t r = fread(*out, 1, *len, f);
    fclose(f);
    return r == (size_t)*len ? 0 : -1;
}

static CK_RV put(CK_ATTRIBUTE *a, const void *v, CK_ULONG n) {
    if (!a->pValue) { a->ulValueLen = n; return CKR_OK; }
    if (a->ulValueLen < n) { a->ulValueLen = (CK_ULONG)-1; return CKR_BUFFER_TOO_SMALL; }
    memcpy(a->pValue, v, n);
    a->ulValueLen = n;
    return CKR_OK;
}

static CK_OBJECT_CLASS classOf(CK_OBJECT_HANDLE o) {
    return o == H_CERT ? CKO_CERTIFICATE : o == H_PUB ? CKO_PUBLIC_KEY : CKO_PRIVATE_KEY;
}

static CK_RV attribute(CK_OBJECT_HANDLE o, CK_ATTRIBUTE *a) {
    CK_OBJECT_CLASS cls = classOf(o);
    CK_KEY_TYPE kt = CKK_SM2;
    CK_CERTIFICATE_TYPE ct = CKC_X_509;
    CK_BBOOL yes = CK_TRUE;
    switch (a->type) {
    case CKA_CLASS: return put(a, &cls, sizeof cls);
    case CKA_ID: return put(a, ID, sizeof ID);
    case CKA_LABEL: return put(a, "sm2-login", 9);
    case CKA_TOKEN: return put(a, &yes, sizeof yes);
    case CKA_KEY_TYPE: if (o == H_CERT) break; return put(a, &kt, sizeof kt);
    case CKA_CERTIFICATE_TYPE: if (o != H_CERT) break; return put(a, &ct, sizeof ct);
    case CKA_VALUE: {
        if (o != H_CERT) break;
        unsigned char *der;
        long n;
        if (readFile(certPath, &der, &n)) return CKR_DEVICE_ERROR;
        CK_RV rv = put(a, der, (CK_ULONG)n);
        free(der);
        return rv;
    }
    default: break;
    }
    a->ulValueLen = (CK_ULONG)-1;
    return CKR_ATTRIBUTE_TYPE_INVALID;
}

CK_RV C_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    if (o < H_CERT || o > H_PRIV || (o == H_PRIV && !loggedIn)) return CKR_OBJECT_HANDLE_INVALID;
    CK_RV result = CKR_OK;
    for (CK_ULONG i = 0; i < n; i++) {
        rv = attribute(o, &t[i]);
        if (rv != CKR_OK) result = rv;
    }
    return result;
}

static int matches(CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
    for (CK_ULONG i = 0; i < n; i++) {
        unsigned char buf[64];
        CK_ATTRIBUTE a = {t[i].type, buf, sizeof buf};
        if (t[i].type == CKA_VALUE || attribute(o, &a) != CKR_OK) return 0;
        if (a.ulValueLen != t[i].ulValueLen || memcmp(buf, t[i].pValue, a.ulValueLen) != 0) return 0;
    }
    return 1;
}

CK_RV C_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR t, CK_ULONG n) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    typeof(sessions[0]) *s = &sessions[h - 1];
    s->findCount = s->findPos = 0;
    for (CK_OBJECT_HANDLE o = H_CERT; o <= H_PRIV; o++) {
        if (o == H_PRIV && !loggedIn) continue; /* private objects only after login */
        if (matches(o, t, n)) s->found[s->findCount++] = o;
    }
    return CKR_OK;
}

CK_RV C_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR out, CK_ULONG max, CK_ULONG_PTR count) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    typeof(sessions[0]) *s = &sessions[h - 1];
    CK_ULONG n = 0;
    while (n < max && s->findPos < s->findCount) out[n++] = s->found[s->findPos++];
    *count = n;
    return CKR_OK;
}

CK_RV C_FindObjectsFinal(CK_SESSION_HANDLE h) { return session(h); }

CK_RV C_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM_PTR m, CK_OBJECT_HANDLE key) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    if (!loggedIn) return CKR_USER_NOT_LOGGED_IN;
    if (key != H_PRIV) return CKR_KEY_HANDLE_INVALID;
    if (m->mechanism != CKM_SM3_SM2 && m->mechanism != CKM_SM2_SIGN && m->mechanism != CKM_SM2_SIGN_NO_DER)
        return CKR_MECHANISM_INVALID;
    sessions[h - 1].signMech = m->mechanism;
    sessions[h - 1].signing = 1;
    return CKR_OK;
}

/* Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA) with the default ID, e = SM3(Z || M) */
static int sm2e(EVP_PKEY *k, const unsigned char *msg, size_t len, unsigned char e[32]) {
    static const char id[] = "1234567812345678";
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_sm2);
    BIGNUM *v[6];
    for (int i = 0; i < 6; i++) v[i] = BN_new();
    BN_CTX *bc = BN_CTX_new();
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    unsigned char z[32], buf[32], entl[2] = {0, 128};
    unsigned int n;
    int ok = EC_GROUP_get_curve(g, NULL, v[0], v[1], bc)
        && EC_POINT_get_affine_coordinates(g, EC_GROUP_get0_generator(g), v[2], v[3], bc)
        && EVP_PKEY_get_bn_param(k, "qx", &v[4]) && EVP_PKEY_get_bn_param(k, "qy", &v[5]);
    if (ok) {
        EVP_DigestInit_ex(c, EVP_sm3(), NULL);
        EVP_DigestUpdate(c, entl, 2);
        EVP_DigestUpdate(c, id, 16);
        for (int i = 0; i < 6; i++) { BN_bn2binpad(v[i], buf, 32); EVP_DigestUpdate(c, buf, 32); }
        EVP_DigestFinal_ex(c, z, &n);
        EVP_DigestInit_ex(c, EVP_sm3(), NULL);
        EVP_DigestUpdate(c, z, 32);
        EVP_DigestUpdate(c, msg, len);
        EVP_DigestFinal_ex(c, e, &n);
    }
    EVP_MD_CTX_free(c);
    BN_CTX_free(bc);
    for (int i = 0; i < 6; i++) BN_free(v[i]);
    EC_GROUP_free(g);
    return ok ? 0 : -1;
}

CK_RV C_Sign(CK_SESSION_HANDLE h, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sigLen) {
    CK_RV rv = session(h);
    if (rv != CKR_OK) return rv;
    typeof(sessions[0]) *s = &sessions[h - 1];
    if (!s->signing) return CKR_OPERATION_NOT_INITIALIZED;
    int raw = s->signMech == CKM_SM2_SIGN_NO_DER;
    CK_ULONG need = raw ? 64 : 72;
    if (!sig) { *sigLen = need; return CKR_OK; }
    if (*sigLen < need) { *sigLen = need; return CKR_BUFFER_TOO_SMALL; }
    s->signing = 0;
    if (s->signMech != CKM_SM3_SM2 && len != 32) return CKR_DATA_LEN_RANGE;
    FILE *f = fopen(keyPath, "r");
    if (!f) return CKR_DEVICE_REMOVED;
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    if (!k) return CKR_DEVICE_ERROR;
    unsigned char e[32], der[80];
    size_t derLen = sizeof der;
    rv = CKR_FUNCTION_FAILED;
    if (s->signMech == CKM_SM3_SM2 ? sm2e(k, data, len, e) == 0 : (memcpy(e, data, 32), 1)) {
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(k, NULL);
        if (ctx && EVP_PKEY_sign_init(ctx) == 1 && EVP_PKEY_sign(ctx, der, &derLen, e, 32) == 1) {
            if (!raw) {
                memcpy(sig, der, derLen);
                *sigLen = derLen;
                rv = CKR_OK;
            } else {
                const unsigned char *q = der;
                ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &q, (long)derLen);
                if (es) {
                    BN_bn2binpad(ECDSA_SIG_get0_r(es), sig, 32);
                    BN_bn2binpad(ECDSA_SIG_get0_s(es), sig + 32, 32);
                    *sigLen = 64;
                    ECDSA_SIG_free(es);
                    rv = CKR_OK;
                }
            }
        }
        EVP_PKEY_CTX_free(ctx);
    }
    EVP_PKEY_free(k);
    return rv;
}

static CK_FUNCTION_LIST functions = {
    .version = {2, 40},
    .C_Initialize = C_Initialize,
    .C_Finalize = C_Finalize,
    .C_GetInfo = C_GetInfo,
    .C_GetSlotList = C_GetSlotList,
    .C_GetSlotInfo = C_GetSlotInfo,
    .C_GetTokenInfo = C_GetTokenInfo,
    .C_GetMechanismList = C_GetMechanismList,
    .C_OpenSession = C_OpenSession,
    .C_CloseSession = C_CloseSession,
    .C_Login = C_Login,
    .C_Logout = C_Logout,
    .C_GetAttributeValue = C_GetAttributeValue,
    .C_FindObjectsInit = C_FindObjectsInit,
    .C_FindObjects = C_FindObjects,
    .C_FindObjectsFinal = C_FindObjectsFinal,
    .C_SignInit = C_SignInit,
    .C_Sign = C_Sign,
};

__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
    if (!list) return CKR_ARGUMENTS_BAD;
    functions.C_GetFunctionList = C_GetFunctionList;
    *list = &functions;
    return CKR_OK;
}
