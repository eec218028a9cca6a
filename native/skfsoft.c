/*
 * skfsoft: a software UKey. Implements the GM/T 0016-2012 (SKF) functions KeyBridge uses, on OpenSSL 3's SM2/SM3,
 * keeping each device's state in a directory, so that tests and the demo have an SKF library to talk to.
 *
 * Store: $SKFSOFT_DIR/<device>/device.txt (label, serial) marks a present device. Moving <device> away "removes"
 * the key (calls on its handles then answer SAR_DEVICE_REMOVED, SKF_WaitForDevEvent reports it); moving it back
 * "inserts" it. <device>/<app>/pin.txt holds the PIN digests and retry counters; <device>/<app>/<container>/ holds
 * sign.key (PEM, mode 600), sign.cer and enc.cer (DER).
 *
 * ABI: ULONG is 32 bits as the standard says (build with -DSKFSOFT_ULONG_NATIVE for the "native unsigned long"
 * variant some vendors ship on LP64 Linux), BOOL is a 32-bit int, handles are pointers, structures packed to 1.
 *
 * Not a security device: the private key is a file. PINs are stored as SM3(salt || PIN), never in clear.
 * Vendor extension (not SKF): SKFSOFT_CreateDevice makes an empty device. No device authentication is asked for
 * SKF_CreateApplication (a real key wants SKF_DevAuth first).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#ifdef SKFSOFT_ULONG_NATIVE
typedef unsigned long ULONG;
#else
typedef uint32_t ULONG;
#endif
typedef int32_t BOOL;
typedef uint8_t BYTE;
typedef char CHAR;
typedef char *LPSTR;
typedef void *HANDLE;
typedef HANDLE DEVHANDLE, HAPPLICATION, HCONTAINER;

#define API __attribute__((visibility("default")))

#define SAR_OK 0x00000000
#define SAR_FAIL 0x0A000001
#define SAR_NOTSUPPORTYETERR 0x0A000003
#define SAR_FILEERR 0x0A000004
#define SAR_INVALIDHANDLEERR 0x0A000005
#define SAR_INVALIDPARAMERR 0x0A000006
#define SAR_INDATALENERR 0x0A000010
#define SAR_KEYNOTFOUNTERR 0x0A00001B
#define SAR_CERTNOTFOUNTERR 0x0A00001C
#define SAR_BUFFER_TOO_SMALL 0x0A000020
#define SAR_DEVICE_REMOVED 0x0A000023
#define SAR_PIN_INCORRECT 0x0A000024
#define SAR_PIN_LOCKED 0x0A000025
#define SAR_PIN_INVALID 0x0A000026
#define SAR_PIN_LEN_RANGE 0x0A000027
#define SAR_USER_TYPE_INVALID 0x0A00002A
#define SAR_APPLICATION_NAME_INVALID 0x0A00002B
#define SAR_APPLICATION_EXISTS 0x0A00002C
#define SAR_USER_NOT_LOGGED_IN 0x0A00002D
#define SAR_APPLICATION_NOT_EXISTS 0x0A00002E

#define SGD_SM3 0x00000001
#define SGD_SM2_1 0x00020200
#define ADMIN_TYPE 0
#define USER_TYPE 1
#define DEV_INSERTED 1
#define DEV_REMOVED 2

#pragma pack(push, 1)
typedef struct { BYTE major, minor; } VERSION;
typedef struct {
    VERSION Version;
    CHAR Manufacturer[64];
    CHAR Issuer[64];
    CHAR Label[32];
    CHAR SerialNumber[32];
    VERSION HWVersion;
    VERSION FirmwareVersion;
    ULONG AlgSymCap, AlgAsymCap, AlgHashCap, DevAuthAlgId, TotalSpace, FreeSpace, MaxECCBufferSize, MaxBufferSize;
    BYTE Reserved[64];
} DEVINFO;
typedef struct { ULONG BitLen; BYTE XCoordinate[64]; BYTE YCoordinate[64]; } ECCPUBLICKEYBLOB;
typedef struct { BYTE r[64]; BYTE s[64]; } ECCSIGNATUREBLOB;
#pragma pack(pop)

/* ---- handles ---- */

enum { MAGIC_DEV = 0x534b4644, MAGIC_APP = 0x534b4641, MAGIC_CON = 0x534b4643, MAGIC_HASH = 0x534b4648 };

typedef struct { uint32_t magic; char path[4096]; char name[256]; } Dev;
typedef struct { uint32_t magic; Dev *dev; char path[4096]; char name[256]; int userLoggedIn; } App;
/* the signing key is loaded once per open container (a token keeps its key in its own memory, not re-read per use) */
typedef struct { uint32_t magic; App *app; char path[4096]; EVP_PKEY *key; EVP_PKEY_CTX *signCtx; } Con;
typedef struct { uint32_t magic; EVP_MD_CTX *ctx; } Hash;

static const char *root(void) {
    const char *r = getenv("SKFSOFT_DIR");
    return r && *r ? r : "/var/lib/skfsoft";
}

static int present(const char *devPath) {
    char p[4200];
    snprintf(p, sizeof p, "%s/device.txt", devPath);
    return access(p, R_OK) == 0;
}

static int validName(const char *n) {
    if (!n || !*n || strlen(n) >= 200 || !strcmp(n, ".") || !strcmp(n, "..")) return 0;
    for (const char *c = n; *c; c++) if (*c == '/') return 0;
    return 1;
}

static Dev *dev(DEVHANDLE h) { Dev *d = h; return d && d->magic == MAGIC_DEV ? d : NULL; }
static App *app(HAPPLICATION h) { App *a = h; return a && a->magic == MAGIC_APP ? a : NULL; }
static Con *con(HCONTAINER h) { Con *c = h; return c && c->magic == MAGIC_CON ? c : NULL; }

/* closing a handle: the magic is cleared so a second close is SAR_INVALIDHANDLEERR, not a double free */
#define RELEASE(p) do { if (!(p)) return SAR_INVALIDHANDLEERR; (p)->magic = 0; free(p); return SAR_OK; } while (0)

/* every operation on a handle first checks that its device is still there */
#define CHECK_DEV(d) do { if (!(d)) return SAR_INVALIDHANDLEERR; if (!present((d)->path)) return SAR_DEVICE_REMOVED; } while (0)

/* ---- small file helpers ---- */

static int readFile(const char *path, BYTE **out, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    BYTE *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) { cap = cap ? cap * 2 : 4096; BYTE *nb = realloc(buf, cap); if (!nb) { free(buf); fclose(f); return -1; } buf = nb; }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0) break;
        n += r;
    }
    fclose(f);
    *out = buf;
    *len = n;
    return 0;
}

static int writeFile(const char *path, const void *data, size_t len, mode_t mode) {
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0) return -1;
    const BYTE *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w <= 0) { close(fd); unlink(tmp); return -1; }
        p += w;
        len -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) { unlink(tmp); return -1; }
    return rename(tmp, path);
}

/* key=value text files */
static int getValue(const char *path, const char *key, char *out, size_t outLen) {
    BYTE *buf;
    size_t n;
    if (readFile(path, &buf, &n) != 0) return -1;
    int found = -1;
    size_t klen = strlen(key);
    char *text = malloc(n + 1);
    memcpy(text, buf, n);
    text[n] = 0;
    free(buf);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, key, klen) && line[klen] == '=') {
            snprintf(out, outLen, "%s", line + klen + 1);
            found = 0;
            break;
        }
    }
    free(text);
    return found;
}

static ULONG listNames(const char *dir, int (*keep)(const char *), LPSTR list, ULONG *size) {
    if (!size) return SAR_INVALIDPARAMERR;
    DIR *d = opendir(dir);
    char names[8192];
    size_t n = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.') continue;
            char p[4600];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            struct stat st;
            if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
            if (keep && !keep(p)) continue;
            size_t l = strlen(e->d_name) + 1;
            if (n + l + 1 > sizeof names) break;
            memcpy(names + n, e->d_name, l);
            n += l;
        }
        closedir(d);
    }
    names[n++] = 0; /* the list ends with an empty name */
    if (!list) { *size = (ULONG)n; return SAR_OK; }
    if (*size < n) { *size = (ULONG)n; return SAR_BUFFER_TOO_SMALL; }
    memcpy(list, names, n);
    *size = (ULONG)n;
    return SAR_OK;
}

static ULONG copyOut(const void *data, size_t len, BYTE *out, ULONG *outLen) {
    if (!outLen) return SAR_INVALIDPARAMERR;
    if (!out) { *outLen = (ULONG)len; return SAR_OK; }
    if (*outLen < len) { *outLen = (ULONG)len; return SAR_BUFFER_TOO_SMALL; }
    memcpy(out, data, len);
    *outLen = (ULONG)len;
    return SAR_OK;
}

/* ---- PINs: SM3(salt || PIN) with a retry counter ---- */

typedef struct { char salt[65], hash[65]; int max, remain, isDefault; } Pin;
typedef struct { Pin pin[2]; } PinFile; /* [ADMIN_TYPE], [USER_TYPE] */

static void hex(const BYTE *b, size_t n, char *out) {
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", b[i]);
    out[2 * n] = 0;
}

static void pinDigest(const char *saltHex, const char *pin, char out[65]) {
    BYTE md[32];
    unsigned int mdLen = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sm3(), NULL);
    EVP_DigestUpdate(c, saltHex, strlen(saltHex));
    EVP_DigestUpdate(c, pin, strlen(pin));
    EVP_DigestFinal_ex(c, md, &mdLen);
    EVP_MD_CTX_free(c);
    hex(md, 32, out);
}

static void pinPath(App *a, char *p, size_t n) { snprintf(p, n, "%s/pin.txt", a->path); }

static int loadPins(App *a, PinFile *pf) {
    char p[4200], v[80];
    pinPath(a, p, sizeof p);
    const char *who[2] = {"admin", "user"};
    for (int t = 0; t < 2; t++) {
        char k[32];
        snprintf(k, sizeof k, "%s.salt", who[t]);
        if (getValue(p, k, pf->pin[t].salt, sizeof pf->pin[t].salt)) return -1;
        snprintf(k, sizeof k, "%s.hash", who[t]);
        if (getValue(p, k, pf->pin[t].hash, sizeof pf->pin[t].hash)) return -1;
        snprintf(k, sizeof k, "%s.max", who[t]);
        if (getValue(p, k, v, sizeof v)) return -1;
        pf->pin[t].max = atoi(v);
        snprintf(k, sizeof k, "%s.remain", who[t]);
        if (getValue(p, k, v, sizeof v)) return -1;
        pf->pin[t].remain = atoi(v);
        snprintf(k, sizeof k, "%s.default", who[t]);
        if (getValue(p, k, v, sizeof v)) return -1;
        pf->pin[t].isDefault = atoi(v);
    }
    return 0;
}

static int savePins(const char *appPath, const PinFile *pf) {
    char p[4200], text[1024];
    snprintf(p, sizeof p, "%s/pin.txt", appPath);
    int n = 0;
    const char *who[2] = {"admin", "user"};
    for (int t = 0; t < 2; t++) {
        n += snprintf(text + n, sizeof text - n, "%s.salt=%s\n%s.hash=%s\n%s.max=%d\n%s.remain=%d\n%s.default=%d\n",
                      who[t], pf->pin[t].salt, who[t], pf->pin[t].hash, who[t], pf->pin[t].max, who[t],
                      pf->pin[t].remain, who[t], pf->pin[t].isDefault);
    }
    return writeFile(p, text, (size_t)n, 0600);
}

static void setPin(Pin *pin, const char *value) {
    BYTE salt[16];
    RAND_bytes(salt, sizeof salt);
    hex(salt, sizeof salt, pin->salt);
    pinDigest(pin->salt, value, pin->hash);
}

static int pinMatches(const Pin *pin, const char *value) {
    char h[65];
    pinDigest(pin->salt, value, h);
    return CRYPTO_memcmp(h, pin->hash, 64) == 0;
}

/* ---- device ---- */

API ULONG SKFSOFT_CreateDevice(LPSTR name, LPSTR label, LPSTR serial) {
    if (!validName(name) || !label || !serial) return SAR_INVALIDPARAMERR;
    char p[4600], text[512];
    mkdir(root(), 0700);
    snprintf(p, sizeof p, "%s/%s", root(), name);
    if (mkdir(p, 0700) != 0 && errno != EEXIST) return SAR_FILEERR;
    snprintf(p, sizeof p, "%s/%s/device.txt", root(), name);
    int n = snprintf(text, sizeof text, "label=%s\nserial=%s\n", label, serial);
    return writeFile(p, text, (size_t)n, 0600) == 0 ? SAR_OK : SAR_FILEERR;
}

static int devPresent(const char *p) { return present(p); }

API ULONG SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG *pulSize) {
    (void)bPresent; /* a software key is only known while its directory is there */
    return listNames(root(), devPresent, szNameList, pulSize);
}

API ULONG SKF_ConnectDev(LPSTR szName, DEVHANDLE *phDev) {
    if (!validName(szName) || !phDev) return SAR_INVALIDPARAMERR;
    Dev *d = calloc(1, sizeof *d);
    d->magic = MAGIC_DEV;
    snprintf(d->path, sizeof d->path, "%s/%s", root(), szName);
    snprintf(d->name, sizeof d->name, "%s", szName);
    if (!present(d->path)) { free(d); return SAR_DEVICE_REMOVED; }
    *phDev = d;
    return SAR_OK;
}

API ULONG SKF_DisConnectDev(DEVHANDLE hDev) {
    Dev *d = dev(hDev);
    RELEASE(d);
}

API ULONG SKF_GetDevState(LPSTR szDevName, ULONG *pulDevState) {
    if (!validName(szDevName) || !pulDevState) return SAR_INVALIDPARAMERR;
    char p[4600];
    snprintf(p, sizeof p, "%s/%s", root(), szDevName);
    *pulDevState = present(p) ? 1 : 0;
    return SAR_OK;
}

API ULONG SKF_GetDevInfo(DEVHANDLE hDev, DEVINFO *pDevInfo) {
    Dev *d = dev(hDev);
    CHECK_DEV(d);
    if (!pDevInfo) return SAR_INVALIDPARAMERR;
    memset(pDevInfo, 0, sizeof *pDevInfo);
    char p[4200], v[64];
    snprintf(p, sizeof p, "%s/device.txt", d->path);
    pDevInfo->Version = (VERSION){1, 0};
    snprintf(pDevInfo->Manufacturer, sizeof pDevInfo->Manufacturer, "KeyBridge skfsoft");
    snprintf(pDevInfo->Issuer, sizeof pDevInfo->Issuer, "KeyBridge test");
    if (getValue(p, "label", v, sizeof v) == 0) snprintf(pDevInfo->Label, sizeof pDevInfo->Label, "%s", v);
    if (getValue(p, "serial", v, sizeof v) == 0) snprintf(pDevInfo->SerialNumber, sizeof pDevInfo->SerialNumber, "%s", v);
    pDevInfo->HWVersion = (VERSION){1, 0};
    pDevInfo->FirmwareVersion = (VERSION){1, 0};
    pDevInfo->AlgAsymCap = SGD_SM2_1;
    pDevInfo->AlgHashCap = SGD_SM3;
    pDevInfo->TotalSpace = pDevInfo->FreeSpace = 65536;
    pDevInfo->MaxECCBufferSize = pDevInfo->MaxBufferSize = 4096;
    return SAR_OK;
}

/* ---- device events: the store is polled every 100 ms against the last set of present devices ---- */

static pthread_mutex_t evLock = PTHREAD_MUTEX_INITIALIZER;
static char known[64][256];
static int knownCount = -1; /* -1: no snapshot yet */
static volatile int cancelGeneration;

static int snapshot(char names[64][256]) {
    int n = 0;
    DIR *d = opendir(root());
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64) {
        if (e->d_name[0] == '.') continue;
        char p[4600];
        snprintf(p, sizeof p, "%s/%s", root(), e->d_name);
        if (present(p)) snprintf(names[n++], 256, "%s", e->d_name);
    }
    closedir(d);
    return n;
}

static int contains(char names[64][256], int n, const char *name) {
    for (int i = 0; i < n; i++) if (!strcmp(names[i], name)) return 1;
    return 0;
}

API ULONG SKF_WaitForDevEvent(LPSTR szDevName, ULONG *pulDevNameLen, ULONG *pulEvent) {
    if (!szDevName || !pulDevNameLen || !pulEvent) return SAR_INVALIDPARAMERR;
    pthread_mutex_lock(&evLock);
    if (knownCount < 0) knownCount = snapshot(known);
    int gen = cancelGeneration;
    pthread_mutex_unlock(&evLock);
    for (;;) {
        if (cancelGeneration != gen) { *pulEvent = 0; *pulDevNameLen = 0; return SAR_OK; }
        char now[64][256];
        int n = snapshot(now);
        pthread_mutex_lock(&evLock);
        const char *changed = NULL;
        ULONG ev = 0;
        for (int i = 0; i < knownCount && !changed; i++)
            if (!contains(now, n, known[i])) { changed = known[i]; ev = DEV_REMOVED; }
        for (int i = 0; i < n && !changed; i++)
            if (!contains(known, knownCount, now[i])) { changed = now[i]; ev = DEV_INSERTED; }
        if (changed) {
            size_t l = strlen(changed) + 1;
            if (*pulDevNameLen < l) { *pulDevNameLen = (ULONG)l; pthread_mutex_unlock(&evLock); return SAR_BUFFER_TOO_SMALL; }
            memcpy(szDevName, changed, l);
            *pulDevNameLen = (ULONG)l;
            *pulEvent = ev;
            /* one event per call: update the snapshot for this device only */
            if (ev == DEV_REMOVED) {
                for (int i = 0; i < knownCount; i++)
                    if (!strcmp(known[i], szDevName)) { memcpy(known[i], known[knownCount - 1], 256); knownCount--; break; }
            } else if (knownCount < 64) {
                snprintf(known[knownCount++], 256, "%s", szDevName);
            }
            pthread_mutex_unlock(&evLock);
            return SAR_OK;
        }
        pthread_mutex_unlock(&evLock);
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

API ULONG SKF_CancelWaitForDevEvent(void) {
    __sync_fetch_and_add(&cancelGeneration, 1);
    return SAR_OK;
}

/* ---- applications and PINs ---- */

static int isDir(const char *p) { struct stat st; return stat(p, &st) == 0 && S_ISDIR(st.st_mode); }

API ULONG SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG *pulSize) {
    Dev *d = dev(hDev);
    CHECK_DEV(d);
    return listNames(d->path, NULL, szAppName, pulSize);
}

API ULONG SKF_CreateApplication(DEVHANDLE hDev, LPSTR szAppName, LPSTR szAdminPin, ULONG dwAdminPinRetryCount,
                                LPSTR szUserPin, ULONG dwUserPinRetryCount, ULONG dwCreateFileRights,
                                HAPPLICATION *phApplication) {
    (void)dwCreateFileRights;
    Dev *d = dev(hDev);
    CHECK_DEV(d);
    if (!validName(szAppName)) return SAR_APPLICATION_NAME_INVALID;
    if (!szAdminPin || !szUserPin || !phApplication || dwAdminPinRetryCount == 0 || dwUserPinRetryCount == 0)
        return SAR_INVALIDPARAMERR;
    if (strlen(szUserPin) < 6 || strlen(szUserPin) > 16 || strlen(szAdminPin) < 6 || strlen(szAdminPin) > 16)
        return SAR_PIN_LEN_RANGE;
    char p[4600];
    snprintf(p, sizeof p, "%s/%s", d->path, szAppName);
    if (mkdir(p, 0700) != 0) return errno == EEXIST ? SAR_APPLICATION_EXISTS : SAR_FILEERR;
    PinFile pf;
    setPin(&pf.pin[ADMIN_TYPE], szAdminPin);
    setPin(&pf.pin[USER_TYPE], szUserPin);
    pf.pin[ADMIN_TYPE].max = pf.pin[ADMIN_TYPE].remain = (int)dwAdminPinRetryCount;
    pf.pin[USER_TYPE].max = pf.pin[USER_TYPE].remain = (int)dwUserPinRetryCount;
    pf.pin[ADMIN_TYPE].isDefault = pf.pin[USER_TYPE].isDefault = 0;
    if (savePins(p, &pf) != 0) return SAR_FILEERR;
    App *a = calloc(1, sizeof *a);
    a->magic = MAGIC_APP;
    a->dev = d;
    snprintf(a->path, sizeof a->path, "%s", p);
    snprintf(a->name, sizeof a->name, "%s", szAppName);
    *phApplication = a;
    return SAR_OK;
}

API ULONG SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION *phApplication) {
    Dev *d = dev(hDev);
    CHECK_DEV(d);
    if (!validName(szAppName) || !phApplication) return SAR_INVALIDPARAMERR;
    char p[4600];
    snprintf(p, sizeof p, "%s/%s", d->path, szAppName);
    if (!isDir(p)) return SAR_APPLICATION_NOT_EXISTS;
    App *a = calloc(1, sizeof *a);
    a->magic = MAGIC_APP;
    a->dev = d;
    snprintf(a->path, sizeof a->path, "%s", p);
    snprintf(a->name, sizeof a->name, "%s", szAppName);
    *phApplication = a;
    return SAR_OK;
}

API ULONG SKF_CloseApplication(HAPPLICATION hApplication) {
    App *a = app(hApplication);
    RELEASE(a);
}

API ULONG SKF_GetPINInfo(HAPPLICATION hApplication, ULONG ulPINType, ULONG *pulMaxRetryCount,
                         ULONG *pulRemainRetryCount, BOOL *pbDefaultPin) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (ulPINType > USER_TYPE) return SAR_USER_TYPE_INVALID;
    if (!pulMaxRetryCount || !pulRemainRetryCount || !pbDefaultPin) return SAR_INVALIDPARAMERR;
    PinFile pf;
    if (loadPins(a, &pf)) return SAR_FILEERR;
    *pulMaxRetryCount = (ULONG)pf.pin[ulPINType].max;
    *pulRemainRetryCount = (ULONG)pf.pin[ulPINType].remain;
    *pbDefaultPin = pf.pin[ulPINType].isDefault;
    return SAR_OK;
}

/* One attempt: a wrong PIN costs one try; the try that reaches zero answers SAR_PIN_INCORRECT with 0 left, every
 * later one SAR_PIN_LOCKED without comparing. A right PIN resets the counter. */
static ULONG checkPin(App *a, PinFile *pf, ULONG type, const char *pin, ULONG *retry) {
    Pin *p = &pf->pin[type];
    if (p->remain <= 0) { *retry = 0; return SAR_PIN_LOCKED; }
    if (!pinMatches(p, pin)) {
        p->remain--;
        *retry = (ULONG)p->remain;
        return savePins(a->path, pf) ? SAR_FILEERR : SAR_PIN_INCORRECT;
    }
    p->remain = p->max;
    *retry = (ULONG)p->remain;
    return savePins(a->path, pf) ? SAR_FILEERR : SAR_OK;
}

API ULONG SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN, ULONG *pulRetryCount) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (ulPINType > USER_TYPE) return SAR_USER_TYPE_INVALID;
    if (!szPIN || !pulRetryCount) return SAR_INVALIDPARAMERR;
    PinFile pf;
    if (loadPins(a, &pf)) return SAR_FILEERR;
    ULONG rv = checkPin(a, &pf, ulPINType, szPIN, pulRetryCount);
    if (ulPINType == USER_TYPE) a->userLoggedIn = rv == SAR_OK;
    return rv;
}

API ULONG SKF_ChangePIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szOldPin, LPSTR szNewPin,
                        ULONG *pulRetryCount) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (ulPINType > USER_TYPE) return SAR_USER_TYPE_INVALID;
    if (!szOldPin || !szNewPin || !pulRetryCount) return SAR_INVALIDPARAMERR;
    if (strlen(szNewPin) < 6 || strlen(szNewPin) > 16) return SAR_PIN_LEN_RANGE;
    PinFile pf;
    if (loadPins(a, &pf)) return SAR_FILEERR;
    ULONG rv = checkPin(a, &pf, ulPINType, szOldPin, pulRetryCount);
    if (rv != SAR_OK) return rv;
    setPin(&pf.pin[ulPINType], szNewPin);
    pf.pin[ulPINType].isDefault = 0;
    return savePins(a->path, &pf) ? SAR_FILEERR : SAR_OK;
}

API ULONG SKF_UnblockPIN(HAPPLICATION hApplication, LPSTR szAdminPIN, LPSTR szNewUserPIN, ULONG *pulRetryCount) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (!szAdminPIN || !szNewUserPIN || !pulRetryCount) return SAR_INVALIDPARAMERR;
    if (strlen(szNewUserPIN) < 6 || strlen(szNewUserPIN) > 16) return SAR_PIN_LEN_RANGE;
    PinFile pf;
    if (loadPins(a, &pf)) return SAR_FILEERR;
    ULONG rv = checkPin(a, &pf, ADMIN_TYPE, szAdminPIN, pulRetryCount);
    if (rv != SAR_OK) return rv;
    setPin(&pf.pin[USER_TYPE], szNewUserPIN);
    pf.pin[USER_TYPE].remain = pf.pin[USER_TYPE].max;
    return savePins(a->path, &pf) ? SAR_FILEERR : SAR_OK;
}

API ULONG SKF_ClearSecureState(HAPPLICATION hApplication) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    a->userLoggedIn = 0;
    return SAR_OK;
}

/* ---- containers ---- */

API ULONG SKF_EnumContainer(HAPPLICATION hApplication, LPSTR szContainerName, ULONG *pulSize) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    return listNames(a->path, NULL, szContainerName, pulSize);
}

static Con *newCon(App *a, const char *p) {
    Con *c = calloc(1, sizeof *c);
    c->magic = MAGIC_CON;
    c->app = a;
    snprintf(c->path, sizeof c->path, "%s", p);
    return c;
}

API ULONG SKF_CreateContainer(HAPPLICATION hApplication, LPSTR szContainerName, HCONTAINER *phContainer) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (!validName(szContainerName) || !phContainer) return SAR_INVALIDPARAMERR;
    if (!a->userLoggedIn) return SAR_USER_NOT_LOGGED_IN;
    char p[4600];
    snprintf(p, sizeof p, "%s/%s", a->path, szContainerName);
    if (mkdir(p, 0700) != 0) return SAR_FILEERR;
    *phContainer = newCon(a, p);
    return SAR_OK;
}

API ULONG SKF_OpenContainer(HAPPLICATION hApplication, LPSTR szContainerName, HCONTAINER *phContainer) {
    App *a = app(hApplication);
    if (!a) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(a->dev);
    if (!validName(szContainerName) || !phContainer) return SAR_INVALIDPARAMERR;
    char p[4600];
    snprintf(p, sizeof p, "%s/%s", a->path, szContainerName);
    if (!isDir(p)) return SAR_INVALIDPARAMERR;
    *phContainer = newCon(a, p);
    return SAR_OK;
}

API ULONG SKF_CloseContainer(HCONTAINER hContainer) {
    Con *c = con(hContainer);
    if (c) {
        EVP_PKEY_CTX_free(c->signCtx);
        EVP_PKEY_free(c->key);
    }
    RELEASE(c);
}

/* 0 empty, 1 RSA, 2 ECC */
API ULONG SKF_GetContainerType(HCONTAINER hContainer, ULONG *pulContainerType) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    if (!pulContainerType) return SAR_INVALIDPARAMERR;
    char p[4300];
    snprintf(p, sizeof p, "%s/sign.key", c->path);
    *pulContainerType = access(p, R_OK) == 0 ? 2 : 0;
    return SAR_OK;
}

API ULONG SKF_ImportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbCert, ULONG ulCertLen) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    if (!pbCert || ulCertLen == 0 || ulCertLen > 65536) return SAR_INVALIDPARAMERR;
    char p[4300];
    snprintf(p, sizeof p, "%s/%s.cer", c->path, bSignFlag ? "sign" : "enc");
    return writeFile(p, pbCert, ulCertLen, 0644) ? SAR_FILEERR : SAR_OK;
}

API ULONG SKF_ExportCertificate(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbCert, ULONG *pulCertLen) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    char p[4300];
    snprintf(p, sizeof p, "%s/%s.cer", c->path, bSignFlag ? "sign" : "enc");
    BYTE *der;
    size_t n;
    if (readFile(p, &der, &n) != 0) return SAR_CERTNOTFOUNTERR;
    ULONG rv = copyOut(der, n, pbCert, pulCertLen);
    free(der);
    return rv;
}

/* ---- SM2 keys ---- */

static EVP_PKEY *loadKey(Con *c) {
    char p[4300];
    snprintf(p, sizeof p, "%s/sign.key", c->path);
    FILE *f = fopen(p, "r");
    if (!f) return NULL;
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    fclose(f);
    return k;
}

/* x and y right-aligned in the 64-byte fields, as GM/T 0016 lays them out */
static int publicBlob(EVP_PKEY *k, ECCPUBLICKEYBLOB *blob) {
    BIGNUM *x = NULL, *y = NULL;
    memset(blob, 0, sizeof *blob);
    if (!EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_X, &x) || !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_EC_PUB_Y, &y)) {
        BN_free(x);
        return -1;
    }
    blob->BitLen = 256;
    BN_bn2binpad(x, blob->XCoordinate + 32, 32);
    BN_bn2binpad(y, blob->YCoordinate + 32, 32);
    BN_free(x);
    BN_free(y);
    return 0;
}

API ULONG SKF_GenECCKeyPair(HCONTAINER hContainer, ULONG ulAlgId, ECCPUBLICKEYBLOB *pBlob) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    if (ulAlgId != SGD_SM2_1 || !pBlob) return SAR_INVALIDPARAMERR;
    if (!c->app->userLoggedIn) return SAR_USER_NOT_LOGGED_IN;
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    if (!k) return SAR_FAIL;
    char p[4300];
    snprintf(p, sizeof p, "%s/sign.key", c->path);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
    int ok = f && PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
    if (f) fclose(f);
    ULONG rv = ok && publicBlob(k, pBlob) == 0 ? SAR_OK : SAR_FILEERR;
    EVP_PKEY_free(k);
    return rv;
}

API ULONG SKF_ExportPublicKey(HCONTAINER hContainer, BOOL bSignFlag, BYTE *pbBlob, ULONG *pulBlobLen) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    if (!bSignFlag) return SAR_KEYNOTFOUNTERR; /* encryption key pairs (KMC import) are not implemented */
    EVP_PKEY *k = loadKey(c);
    if (!k) return SAR_KEYNOTFOUNTERR;
    ECCPUBLICKEYBLOB blob;
    int bad = publicBlob(k, &blob);
    EVP_PKEY_free(k);
    if (bad) return SAR_FAIL;
    return copyOut(&blob, sizeof blob, pbBlob, pulBlobLen);
}

/* Signs e = the 32-byte SM3(Z || M) the caller computed; r and s right-aligned in 64-byte fields. */
API ULONG SKF_ECCSignData(HCONTAINER hContainer, BYTE *pbDigest, ULONG ulDigestLen, ECCSIGNATUREBLOB *pSignature) {
    Con *c = con(hContainer);
    if (!c) return SAR_INVALIDHANDLEERR;
    CHECK_DEV(c->app->dev);
    if (!pbDigest || !pSignature) return SAR_INVALIDPARAMERR;
    if (ulDigestLen != 32) return SAR_INDATALENERR;
    if (!c->app->userLoggedIn) return SAR_USER_NOT_LOGGED_IN;
    if (!c->signCtx) {
        c->key = loadKey(c);
        if (!c->key) return SAR_KEYNOTFOUNTERR;
        c->signCtx = EVP_PKEY_CTX_new(c->key, NULL);
        if (!c->signCtx || EVP_PKEY_sign_init(c->signCtx) != 1) return SAR_FAIL;
    }
    BYTE der[80];
    size_t derLen = sizeof der;
    if (EVP_PKEY_sign(c->signCtx, der, &derLen, pbDigest, 32) != 1) return SAR_FAIL;
    const BYTE *q = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &q, (long)derLen);
    if (!sig) return SAR_FAIL;
    memset(pSignature, 0, sizeof *pSignature);
    BN_bn2binpad(ECDSA_SIG_get0_r(sig), pSignature->r + 32, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig), pSignature->s + 32, 32);
    ECDSA_SIG_free(sig);
    return SAR_OK;
}

/* ---- SM3, and the SM2 Z value when a public key and ID are given (the "token computes Z" path) ---- */

static int sm2Z(const ECCPUBLICKEYBLOB *pub, const BYTE *id, size_t idLen, BYTE z[32]) {
    EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_sm2);
    BIGNUM *a = BN_new(), *b = BN_new(), *x = BN_new(), *y = BN_new();
    BN_CTX *bc = BN_CTX_new();
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = 0;
    if (g && a && b && x && y && bc && c && idLen < 8192 && EC_GROUP_get_curve(g, NULL, a, b, bc)
        && EC_POINT_get_affine_coordinates(g, EC_GROUP_get0_generator(g), x, y, bc)) {
        BYTE buf[32];
        BYTE entl[2] = {(BYTE)((idLen * 8) >> 8), (BYTE)(idLen * 8)};
        EVP_DigestInit_ex(c, EVP_sm3(), NULL);
        EVP_DigestUpdate(c, entl, 2);
        EVP_DigestUpdate(c, id, idLen);
        BIGNUM *v[4] = {a, b, x, y};
        for (int i = 0; i < 4; i++) { BN_bn2binpad(v[i], buf, 32); EVP_DigestUpdate(c, buf, 32); }
        EVP_DigestUpdate(c, pub->XCoordinate + 32, 32);
        EVP_DigestUpdate(c, pub->YCoordinate + 32, 32);
        unsigned int n = 0;
        ok = EVP_DigestFinal_ex(c, z, &n) == 1;
    }
    EVP_MD_CTX_free(c);
    BN_CTX_free(bc);
    BN_free(a); BN_free(b); BN_free(x); BN_free(y);
    EC_GROUP_free(g);
    return ok ? 0 : -1;
}

API ULONG SKF_DigestInit(DEVHANDLE hDev, ULONG ulAlgID, ECCPUBLICKEYBLOB *pPubKey, BYTE *pbID, ULONG ulIDLen,
                         HANDLE *phHash) {
    Dev *d = dev(hDev);
    CHECK_DEV(d);
    if (ulAlgID != SGD_SM3 || !phHash) return SAR_INVALIDPARAMERR;
    Hash *h = calloc(1, sizeof *h);
    h->magic = MAGIC_HASH;
    h->ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(h->ctx, EVP_sm3(), NULL);
    if (pPubKey && pbID && ulIDLen > 0) {
        BYTE z[32];
        if (sm2Z(pPubKey, pbID, ulIDLen, z)) { EVP_MD_CTX_free(h->ctx); free(h); return SAR_FAIL; }
        EVP_DigestUpdate(h->ctx, z, 32);
    }
    *phHash = h;
    return SAR_OK;
}

API ULONG SKF_DigestUpdate(HANDLE hHash, BYTE *pbData, ULONG ulDataLen) {
    Hash *h = hHash;
    if (!h || h->magic != MAGIC_HASH) return SAR_INVALIDHANDLEERR;
    if (!pbData && ulDataLen) return SAR_INVALIDPARAMERR;
    EVP_DigestUpdate(h->ctx, pbData, ulDataLen);
    return SAR_OK;
}

API ULONG SKF_DigestFinal(HANDLE hHash, BYTE *pHashData, ULONG *pulHashLen) {
    Hash *h = hHash;
    if (!h || h->magic != MAGIC_HASH) return SAR_INVALIDHANDLEERR;
    if (!pulHashLen) return SAR_INVALIDPARAMERR;
    if (!pHashData) { *pulHashLen = 32; return SAR_OK; }
    if (*pulHashLen < 32) { *pulHashLen = 32; return SAR_BUFFER_TOO_SMALL; }
    unsigned int n = 0;
    EVP_DigestFinal_ex(h->ctx, pHashData, &n);
    *pulHashLen = n;
    EVP_DigestInit_ex(h->ctx, EVP_sm3(), NULL); /* a finished hash handle may not be reused for the same data */
    return SAR_OK;
}

API ULONG SKF_Digest(HANDLE hHash, BYTE *pbData, ULONG ulDataLen, BYTE *pbHashData, ULONG *pulHashLen) {
    if (pbHashData) {
        ULONG rv = SKF_DigestUpdate(hHash, pbData, ulDataLen);
        if (rv != SAR_OK) return rv;
    }
    return SKF_DigestFinal(hHash, pbHashData, pulHashLen);
}

API ULONG SKF_CloseHandle(HANDLE hHandle) {
    Hash *h = hHandle;
    if (!h || h->magic != MAGIC_HASH) return SAR_INVALIDHANDLEERR;
    h->magic = 0;
    EVP_MD_CTX_free(h->ctx);
    free(h);
    return SAR_OK;
}
