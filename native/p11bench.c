/*
 * p11bench - native baseline for the KeyBridge signing benchmark.
 *
 * usage: p11bench MODULE TOKEN_LABEL PIN KEY_ID_HEX MECH SECONDS [WARMUP_SECONDS]
 *   MECH: sha256-rsa-pkcs | sha256-rsa-pss | ecdsa | ecdsa48
 *
 * Logs in to the token with the given label, finds the private key with the
 * given CKA_ID and runs C_SignInit + C_Sign in a loop: WARMUP_SECONDS
 * (default 1) uncounted, then SECONDS counted. Prints one line of JSON:
 *   {"mechanism":"ecdsa","ops":12345,"seconds":4.000,"perSecond":3086.2}
 * On error prints "p11bench: C_Xxx failed: 0xNN" to stderr and exits 1.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <p11-kit/pkcs11.h>

static CK_FUNCTION_LIST_PTR p11;

static void die(const char *msg)
{
    fprintf(stderr, "p11bench: %s\n", msg);
    exit(1);
}

static void check(const char *fn, CK_RV rv)
{
    if (rv != CKR_OK) {
        fprintf(stderr, "p11bench: %s failed: 0x%02lX\n", fn, (unsigned long)rv);
        exit(1);
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Parses KEY_ID_HEX into id; returns its length in bytes. */
static CK_ULONG parse_hex(const char *hex, CK_BYTE *id, size_t max)
{
    size_t len = strlen(hex), i;

    if (len == 0 || len % 2 != 0 || len / 2 > max)
        die("bad KEY_ID_HEX");
    for (i = 0; i < len / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            die("bad KEY_ID_HEX");
        id[i] = (CK_BYTE)(hi << 4 | lo);
    }
    return (CK_ULONG)(len / 2);
}

static CK_SLOT_ID find_slot(const char *label)
{
    CK_SLOT_ID slots[64];
    CK_ULONG n = 64, i;
    CK_TOKEN_INFO info;
    char want[32];
    size_t len = strlen(label);

    if (len > sizeof want)
        die("TOKEN_LABEL longer than 32 bytes");
    memset(want, ' ', sizeof want);
    memcpy(want, label, len);

    check("C_GetSlotList", p11->C_GetSlotList(CK_TRUE, slots, &n));
    for (i = 0; i < n; i++) {
        check("C_GetTokenInfo", p11->C_GetTokenInfo(slots[i], &info));
        if (memcmp(info.label, want, sizeof want) == 0)
            return slots[i];
    }
    fprintf(stderr, "p11bench: no token labelled '%s'\n", label);
    exit(1);
}

int main(int argc, char **argv)
{
    CK_BYTE data[48], sig[1024], id[256];
    CK_ULONG datalen = 32, siglen, idlen, found = 0;
    CK_RSA_PKCS_PSS_PARAMS pss = { CKM_SHA256, CKG_MGF1_SHA256, 32 };
    CK_MECHANISM mech = { 0, NULL, 0 };
    CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    CK_ATTRIBUTE tmpl[2];
    CK_C_GetFunctionList get;
    CK_SESSION_HANDLE sess;
    CK_OBJECT_HANDLE key;
    CK_SLOT_ID slot;
    const char *name;
    double seconds, warmup = 1, start, end, t;
    long ops = 0;
    void *lib;

    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: p11bench MODULE TOKEN_LABEL PIN KEY_ID_HEX "
                        "MECH SECONDS [WARMUP_SECONDS]\n"
                        "  MECH: sha256-rsa-pkcs | sha256-rsa-pss | ecdsa | ecdsa48\n");
        return 1;
    }
    name = argv[5];
    seconds = atof(argv[6]);
    if (argc == 8)
        warmup = atof(argv[7]);
    if (seconds <= 0 || warmup < 0)
        die("bad SECONDS or WARMUP_SECONDS");
    idlen = parse_hex(argv[4], id, sizeof id);

    if (strcmp(name, "sha256-rsa-pkcs") == 0) {
        mech.mechanism = CKM_SHA256_RSA_PKCS;
    } else if (strcmp(name, "sha256-rsa-pss") == 0) {
        mech.mechanism = CKM_SHA256_RSA_PKCS_PSS;
        mech.pParameter = &pss;
        mech.ulParameterLen = sizeof pss;
    } else if (strcmp(name, "ecdsa") == 0) {
        mech.mechanism = CKM_ECDSA;
    } else if (strcmp(name, "ecdsa48") == 0) {
        mech.mechanism = CKM_ECDSA;
        datalen = 48;
    } else {
        die("MECH must be sha256-rsa-pkcs, sha256-rsa-pss, ecdsa or ecdsa48");
    }
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (CK_BYTE)(i * 7 + 1);

    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL)
        die(dlerror());
    get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
    if (get == NULL)
        die("module has no C_GetFunctionList");
    check("C_GetFunctionList", get(&p11));
    check("C_Initialize", p11->C_Initialize(NULL));

    slot = find_slot(argv[2]);
    check("C_OpenSession",
          p11->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &sess));
    check("C_Login", p11->C_Login(sess, CKU_USER, (CK_UTF8CHAR_PTR)argv[3],
                                  (CK_ULONG)strlen(argv[3])));

    tmpl[0].type = CKA_CLASS;
    tmpl[0].pValue = &cls;
    tmpl[0].ulValueLen = sizeof cls;
    tmpl[1].type = CKA_ID;
    tmpl[1].pValue = id;
    tmpl[1].ulValueLen = idlen;
    check("C_FindObjectsInit", p11->C_FindObjectsInit(sess, tmpl, 2));
    check("C_FindObjects", p11->C_FindObjects(sess, &key, 1, &found));
    check("C_FindObjectsFinal", p11->C_FindObjectsFinal(sess));
    if (found == 0)
        die("no private key with that CKA_ID");

    /* warm-up: same loop, not counted */
    end = now() + warmup;
    while (now() < end) {
        check("C_SignInit", p11->C_SignInit(sess, &mech, key));
        siglen = sizeof sig;
        check("C_Sign", p11->C_Sign(sess, data, datalen, sig, &siglen));
    }

    start = now();
    end = start + seconds;
    do {
        check("C_SignInit", p11->C_SignInit(sess, &mech, key));
        siglen = sizeof sig;
        check("C_Sign", p11->C_Sign(sess, data, datalen, sig, &siglen));
        ops++;
    } while ((t = now()) < end);
    seconds = t - start;

    check("C_Logout", p11->C_Logout(sess));
    check("C_CloseSession", p11->C_CloseSession(sess));
    check("C_Finalize", p11->C_Finalize(NULL));

    printf("{\"mechanism\":\"%s\",\"ops\":%ld,\"seconds\":%.3f,"
           "\"perSecond\":%.1f}\n",
           name, ops, seconds, seconds > 0 ? ops / seconds : 0.0);
    return 0;
}
