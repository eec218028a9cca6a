/*
 * p11fault - a fault-injecting PKCS#11 module for KeyBridge tests.
 *
 * It exports only C_GetFunctionList (like many vendor modules). On the first
 * call it dlopens the real module named by $P11FAULT_LIB (default SoftHSM) and
 * hands out a copy of the real function list in which the calls below are
 * wrapped. Everything else goes straight to the real module.
 *
 * The control file $P11FAULT_FILE is re-read on EVERY wrapped call, so a test
 * can flip faults while the middleware is running. Missing/empty = no faults.
 *   C_Xxx=0xNN      C_Xxx returns CK_RV 0xNN instead of calling the real one
 *   FLAGS_OR=0xNNN  ORed into CK_TOKEN_INFO.flags from C_GetTokenInfo
 *   REMOVED=1       simulate a pulled-out token:
 *                   C_GetSlotList(tokenPresent=TRUE) returns no slots,
 *                   C_GetSlotInfo clears CKF_TOKEN_PRESENT,
 *                   C_GetTokenInfo, C_GetMechanismList, C_OpenSession and
 *                   C_CloseAllSessions return CKR_TOKEN_NOT_PRESENT,
 *                   every call taking a session handle returns
 *                   CKR_DEVICE_REMOVED.
 *   ONESHOT=1       the first fault fired deletes the control file: a fault
 *                   that happens once, like a read racing a writer
 *   # comments and unknown lines are ignored.
 *
 * If $P11FAULT_COUNT names a file, every wrapped call appends its function
 * name and a newline to it (open/append/close each time; faults included).
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <p11-kit/pkcs11.h>

#define DEFAULT_LIB "/usr/lib/softhsm/libsofthsm2.so"

/* What REMOVED=1 does to a call. */
enum kind { K_PLAIN, K_TOKEN, K_SESSION };

static CK_FUNCTION_LIST_PTR real;
static CK_FUNCTION_LIST wrapped;
static CK_RV init_rv = CKR_GENERAL_ERROR;
static pthread_once_t once = PTHREAD_ONCE_INIT;

struct ctl {
    int removed;
    CK_FLAGS flags_or;
};

static void count(const char *fn)
{
    const char *path = getenv("P11FAULT_COUNT");
    char line[64];
    int fd, n;

    if (path == NULL || *path == '\0')
        return;
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    n = snprintf(line, sizeof line, "%s\n", fn);
    if (write(fd, line, (size_t)n) < 0) {
        /* nothing useful to do; counting is best effort */
    }
    close(fd);
}

/*
 * Count the call, read the control file and decide. Returns 1 if the call
 * must not reach the real module (*rv holds the result), 0 otherwise.
 */
static int pre(const char *fn, enum kind kind, struct ctl *c, CK_RV *rv)
{
    const char *path = getenv("P11FAULT_FILE");
    size_t fnlen = strlen(fn);
    int fault = 0, oneshot = 0;
    char line[256];
    FILE *f;

    memset(c, 0, sizeof *c);
    count(fn);
    if (path != NULL && *path != '\0' && (f = fopen(path, "re")) != NULL) {
        while (fgets(line, sizeof line, f) != NULL) {
            if (line[0] == '#')
                continue;
            if (strncmp(line, fn, fnlen) == 0 && line[fnlen] == '=') {
                *rv = (CK_RV)strtoul(line + fnlen + 1, NULL, 0);
                fault = 1;
            } else if (strncmp(line, "FLAGS_OR=", 9) == 0) {
                c->flags_or |= (CK_FLAGS)strtoul(line + 9, NULL, 0);
            } else if (strncmp(line, "REMOVED=", 8) == 0) {
                c->removed = strtol(line + 8, NULL, 0) != 0;
            } else if (strncmp(line, "ONESHOT=", 8) == 0) {
                oneshot = strtol(line + 8, NULL, 0) != 0;
            }
        }
        fclose(f);
    }
    if (fault && oneshot)
        unlink(path);
    if (fault)
        return 1;
    if (c->removed && kind == K_TOKEN) {
        *rv = CKR_TOKEN_NOT_PRESENT;
        return 1;
    }
    if (c->removed && kind == K_SESSION) {
        *rv = CKR_DEVICE_REMOVED;
        return 1;
    }
    return 0;
}

/* Declares the control block and returns early if the call is faulted. */
#define PRE(fn, kind)                          \
    struct ctl c;                              \
    CK_RV rv;                                  \
    if (pre(#fn, kind, &c, &rv))               \
        return rv;                             \
    (void)c

static CK_RV w_Initialize(void *args)
{
    PRE(C_Initialize, K_PLAIN);
    return real->C_Initialize(args);
}

static CK_RV w_Finalize(void *reserved)
{
    PRE(C_Finalize, K_PLAIN);
    return real->C_Finalize(reserved);
}

static CK_RV w_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR n)
{
    PRE(C_GetSlotList, K_PLAIN);
    if (c.removed && present) {
        if (n == NULL)
            return CKR_ARGUMENTS_BAD;
        *n = 0;
        return CKR_OK;
    }
    return real->C_GetSlotList(present, list, n);
}

static CK_RV w_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info)
{
    PRE(C_GetSlotInfo, K_PLAIN);
    rv = real->C_GetSlotInfo(slot, info);
    if (rv == CKR_OK && c.removed)
        info->flags &= ~CKF_TOKEN_PRESENT;
    return rv;
}

static CK_RV w_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info)
{
    PRE(C_GetTokenInfo, K_TOKEN);
    rv = real->C_GetTokenInfo(slot, info);
    if (rv == CKR_OK)
        info->flags |= c.flags_or;
    return rv;
}

static CK_RV w_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list,
                                CK_ULONG_PTR n)
{
    PRE(C_GetMechanismList, K_TOKEN);
    return real->C_GetMechanismList(slot, list, n);
}

static CK_RV w_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, void *app,
                           CK_NOTIFY notify, CK_SESSION_HANDLE_PTR h)
{
    PRE(C_OpenSession, K_TOKEN);
    return real->C_OpenSession(slot, flags, app, notify, h);
}

static CK_RV w_CloseSession(CK_SESSION_HANDLE h)
{
    PRE(C_CloseSession, K_SESSION);
    return real->C_CloseSession(h);
}

static CK_RV w_CloseAllSessions(CK_SLOT_ID slot)
{
    PRE(C_CloseAllSessions, K_TOKEN);
    return real->C_CloseAllSessions(slot);
}

static CK_RV w_GetSessionInfo(CK_SESSION_HANDLE h, CK_SESSION_INFO_PTR info)
{
    PRE(C_GetSessionInfo, K_SESSION);
    return real->C_GetSessionInfo(h, info);
}

static CK_RV w_Login(CK_SESSION_HANDLE h, CK_USER_TYPE user,
                     CK_UTF8CHAR_PTR pin, CK_ULONG pinlen)
{
    PRE(C_Login, K_SESSION);
    return real->C_Login(h, user, pin, pinlen);
}

static CK_RV w_SetPIN(CK_SESSION_HANDLE h, CK_UTF8CHAR_PTR old,
                      CK_ULONG oldlen, CK_UTF8CHAR_PTR pin, CK_ULONG len)
{
    PRE(C_SetPIN, K_SESSION);
    return real->C_SetPIN(h, old, oldlen, pin, len);
}

static CK_RV w_Logout(CK_SESSION_HANDLE h)
{
    PRE(C_Logout, K_SESSION);
    return real->C_Logout(h);
}

static CK_RV w_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR tmpl,
                               CK_ULONG n)
{
    PRE(C_FindObjectsInit, K_SESSION);
    return real->C_FindObjectsInit(h, tmpl, n);
}

static CK_RV w_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR objs,
                           CK_ULONG max, CK_ULONG_PTR n)
{
    PRE(C_FindObjects, K_SESSION);
    return real->C_FindObjects(h, objs, max, n);
}

static CK_RV w_FindObjectsFinal(CK_SESSION_HANDLE h)
{
    PRE(C_FindObjectsFinal, K_SESSION);
    return real->C_FindObjectsFinal(h);
}

static CK_RV w_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE obj,
                                 CK_ATTRIBUTE_PTR tmpl, CK_ULONG n)
{
    PRE(C_GetAttributeValue, K_SESSION);
    return real->C_GetAttributeValue(h, obj, tmpl, n);
}

static CK_RV w_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM_PTR mech,
                        CK_OBJECT_HANDLE key)
{
    PRE(C_SignInit, K_SESSION);
    return real->C_SignInit(h, mech, key);
}

static CK_RV w_Sign(CK_SESSION_HANDLE h, CK_BYTE_PTR data, CK_ULONG len,
                    CK_BYTE_PTR sig, CK_ULONG_PTR siglen)
{
    PRE(C_Sign, K_SESSION);
    return real->C_Sign(h, data, len, sig, siglen);
}

static CK_RV w_SignUpdate(CK_SESSION_HANDLE h, CK_BYTE_PTR part, CK_ULONG len)
{
    PRE(C_SignUpdate, K_SESSION);
    return real->C_SignUpdate(h, part, len);
}

static CK_RV w_SignFinal(CK_SESSION_HANDLE h, CK_BYTE_PTR sig,
                         CK_ULONG_PTR siglen)
{
    PRE(C_SignFinal, K_SESSION);
    return real->C_SignFinal(h, sig, siglen);
}

static void load(void)
{
    const char *lib = getenv("P11FAULT_LIB");
    CK_C_GetFunctionList get;
    void *handle;

    if (lib == NULL || *lib == '\0')
        lib = DEFAULT_LIB;
    handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        fprintf(stderr, "p11fault: %s\n", dlerror());
        return;
    }
    get = (CK_C_GetFunctionList)dlsym(handle, "C_GetFunctionList");
    if (get == NULL) {
        fprintf(stderr, "p11fault: %s: no C_GetFunctionList\n", lib);
        return;
    }
    init_rv = get(&real);
    if (init_rv != CKR_OK)
        return;

    wrapped = *real;
    wrapped.C_GetFunctionList = C_GetFunctionList;
    wrapped.C_Initialize = w_Initialize;
    wrapped.C_Finalize = w_Finalize;
    wrapped.C_GetSlotList = w_GetSlotList;
    wrapped.C_GetSlotInfo = w_GetSlotInfo;
    wrapped.C_GetTokenInfo = w_GetTokenInfo;
    wrapped.C_GetMechanismList = w_GetMechanismList;
    wrapped.C_OpenSession = w_OpenSession;
    wrapped.C_CloseSession = w_CloseSession;
    wrapped.C_CloseAllSessions = w_CloseAllSessions;
    wrapped.C_GetSessionInfo = w_GetSessionInfo;
    wrapped.C_Login = w_Login;
    wrapped.C_SetPIN = w_SetPIN;
    wrapped.C_Logout = w_Logout;
    wrapped.C_FindObjectsInit = w_FindObjectsInit;
    wrapped.C_FindObjects = w_FindObjects;
    wrapped.C_FindObjectsFinal = w_FindObjectsFinal;
    wrapped.C_GetAttributeValue = w_GetAttributeValue;
    wrapped.C_SignInit = w_SignInit;
    wrapped.C_Sign = w_Sign;
    wrapped.C_SignUpdate = w_SignUpdate;
    wrapped.C_SignFinal = w_SignFinal;
}

__attribute__((visibility("default")))
CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (list == NULL)
        return CKR_ARGUMENTS_BAD;
    pthread_once(&once, load);
    if (init_rv != CKR_OK)
        return init_rv;
    *list = &wrapped;
    return CKR_OK;
}
