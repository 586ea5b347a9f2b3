/*
 * server.c: 'waymark serve' on libmicrohttpd: configuration, one store
 * connection per handler thread, request bodies, the access log and a
 * graceful shutdown. What a request means is decided in routes.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lib/xalloc.h"
#include "web.h"

/* What the server shares with its handler threads. */
struct server {
	const struct web_config *cfg;
	const struct kb *kb;
	FILE *log;
	pthread_mutex_t log_lock;
	atomic_int in_flight;
};

/* One request on the wire: the request being built and its body. */
struct conn {
	struct req r;
	struct MHD_PostProcessor *pp;
	struct strbuf body;	/* a JSON body, as it arrives */
	size_t received;
	bool json, csv, too_big, too_many, unsupported;
	struct timespec start;
	char addr[INET6_ADDRSTRLEN];
};

static pthread_key_t store_key;
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *st)
{
	store_close(st);
}

static void make_store_key(void)
{
	if (pthread_key_create(&store_key, close_thread_store))
		abort();
}

/* This thread's connection to the store, opened on first use. */
static struct store *thread_store(const struct web_config *cfg)
{
	struct store *st;
	char *msg = NULL;

	pthread_once(&store_once, make_store_key);
	st = pthread_getspecific(store_key);
	if (st)
		return st;
	if (store_open(cfg->db, &st, &msg)) {
		fprintf(stderr, "waymark serve: %s\n", msg);
		free(msg);
		return NULL;
	}
	pthread_setspecific(store_key, st);
	return st;
}

/* --- configuration --- */

void web_config_init(struct web_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = xstrdup("127.0.0.1:8080");
	c->threads = 4;
	c->max_body = 1 << 20;
	c->max_fields = 500;
	c->connections = 1000;
	c->timeout = 30;
	c->session_hours = 12;
	c->access_log = xstrdup("-");
}

void web_config_release(struct web_config *c)
{
	free(c->listen);
	free(c->db);
	free(c->access_log);
	free(c->public_url);
	memset(c, 0, sizeof(*c));
}

static int set_number(const char *value, int64_t lo, int64_t hi,
		      int64_t *out, const char *name, struct strbuf *err)
{
	if (web_int(value, lo, hi, out)) {
		sb_addf(err, "%s: expected a whole number from %" PRId64
			" to %" PRId64 ", got '%s'", name, lo, hi, value);
		return -1;
	}
	return 0;
}

static int set_string(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
	return 0;
}

int web_config_set(struct web_config *c, const char *name, const char *value,
		   struct strbuf *err)
{
	int64_t n;

	if (!strcmp(name, "listen")) {
		const char *colon = strrchr(value, ':');
		if (!colon || colon == value ||
		    web_int(colon + 1, 0, 65535, &n)) {
			sb_addf(err, "listen: expected ADDRESS:PORT, got '%s'",
				value);
			return -1;
		}
		return set_string(&c->listen, value);
	}
	if (!strcmp(name, "port")) {
		struct strbuf l = STRBUF_INIT;
		const char *colon = strrchr(c->listen, ':');

		if (set_number(value, 0, 65535, &n, name, err))
			return -1;
		sb_add(&l, c->listen, (size_t)(colon - c->listen));
		sb_addf(&l, ":%" PRId64, n);
		free(c->listen);
		c->listen = sb_detach(&l);
		return 0;
	}
	if (!strcmp(name, "db"))
		return set_string(&c->db, value);
	if (!strcmp(name, "access-log"))
		return set_string(&c->access_log, value);
	if (!strcmp(name, "public-url"))
		return set_string(&c->public_url, value);
	if (!strcmp(name, "secure-cookies")) {
		if (strcmp(value, "yes") && strcmp(value, "no")) {
			sb_addf(err, "secure-cookies: expected yes or no, got '%s'",
				value);
			return -1;
		}
		c->secure_cookies = !strcmp(value, "yes");
		return 0;
	}
	if (!strcmp(name, "threads")) {
		if (set_number(value, 1, 256, &n, name, err))
			return -1;
		c->threads = (unsigned)n;
	} else if (!strcmp(name, "max-body")) {
		if (set_number(value, 1024, (int64_t)1 << 30, &n, name, err))
			return -1;
		c->max_body = (size_t)n;
	} else if (!strcmp(name, "max-fields")) {
		if (set_number(value, 10, 100000, &n, name, err))
			return -1;
		c->max_fields = (size_t)n;
	} else if (!strcmp(name, "connections")) {
		if (set_number(value, 1, 100000, &n, name, err))
			return -1;
		c->connections = (unsigned)n;
	} else if (!strcmp(name, "timeout")) {
		if (set_number(value, 1, 3600, &n, name, err))
			return -1;
		c->timeout = (unsigned)n;
	} else if (!strcmp(name, "session-hours")) {
		if (set_number(value, 1, 24 * 90, &n, name, err))
			return -1;
		c->session_hours = (unsigned)n;
	} else {
		sb_addf(err, "unknown setting '%s'", name);
		return -1;
	}
	return 0;
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

int web_config_file(struct web_config *c, const char *path,
		    struct strbuf *err)
{
	struct strbuf data = STRBUF_INIT, why = STRBUF_INIT;
	char *line, *next;
	unsigned lineno = 0;
	int rc = 0;

	if (sb_read_file(&data, path)) {
		sb_addf(err, "cannot read '%s': %s", path, strerror(errno));
		sb_release(&data);
		return -1;
	}
	for (line = data.buf; line && !rc; line = next) {
		char *eq, *name, *value;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		name = trim(line);
		if (!*name || *name == '#')
			continue;
		eq = strchr(name, '=');
		if (!eq) {
			sb_addf(err, "%s:%u:%zu: expected 'name = value'", path,
				lineno, (size_t)(name - line) + 1);
			rc = -1;
			break;
		}
		*eq = '\0';
		value = trim(eq + 1);
		name = trim(name);
		sb_reset(&why);
		if (web_config_set(c, name, value, &why)) {
			sb_addf(err, "%s:%u:%zu: %s", path, lineno,
				(size_t)(name - line) + 1, why.buf);
			rc = -1;
		}
	}
	sb_release(&why);
	sb_release(&data);
	return rc;
}

/* --- request bodies --- */

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *filename,
				const char *ctype, const char *enc,
				const char *data, uint64_t off, size_t size)
{
	struct conn *c = cls;
	struct req *r = &c->r;
	struct web_field *f;
	(void)kind; (void)ctype; (void)enc;

	if (off == 0) {
		if (r->nform >= r->cfg->max_fields) {
			c->too_many = true;
			return MHD_NO;
		}
		req_add_field(&r->form, &r->nform, key, "");
		if (filename)
			r->form[r->nform - 1].filename = xstrdup(filename);
	}
	f = &r->form[r->nform - 1];
	if (size) {
		/* a file comes in pieces; the body's limit bounds the total */
		f->value = xrealloc(f->value, f->len + size + 1);
		memcpy(f->value + f->len, data, size);
		f->len += size;
		f->value[f->len] = '\0';
	}
	return MHD_YES;
}

static enum MHD_Result on_query(void *cls, enum MHD_ValueKind kind,
				const char *key, const char *value)
{
	struct req *r = cls;
	(void)kind;

	if (r->nquery < 64)
		req_add_field(&r->query, &r->nquery, key, value ? value : "");
	return MHD_YES;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return s && !strncasecmp(s, prefix, strlen(prefix));
}

static struct conn *conn_new(struct server *srv, struct MHD_Connection *mc,
			     const char *url, const char *method)
{
	struct conn *c = xcalloc(1, sizeof(*c));
	struct req *r = &c->r;
	const char *ctype = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
		MHD_HTTP_HEADER_CONTENT_TYPE);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc,
		MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const char *auth;

	clock_gettime(CLOCK_MONOTONIC, &c->start);
	req_init(r);
	r->cfg = srv->cfg;
	r->kb = srv->kb;
	r->method = method;
	r->path = url;
	r->is_post = !strcmp(method, "POST") || !strcmp(method, "PUT") ||
		     !strcmp(method, "DELETE") || !strcmp(method, "PATCH");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
				  (const void *)sa)->sin_addr, c->addr,
				  sizeof(c->addr));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
				  (const void *)sa)->sin6_addr, c->addr,
				  sizeof(c->addr));
	}
	r->addr = c->addr;
	r->cookie = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND,
						"wm_session");
	r->csrf_header = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						     "X-CSRF-Token");
	r->if_match = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
						  "If-Match");
	auth = MHD_lookup_connection_value(mc, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_AUTHORIZATION);
	if (has_prefix(auth, "Bearer "))
		r->bearer = auth + 7;
	sb_init(&c->body);
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, on_query, r);
	if (has_prefix(ctype, "application/json"))
		c->json = true;
	else if (r->is_post && has_prefix(ctype, "text/csv"))
		c->csv = true;
	else if (r->is_post && (has_prefix(ctype,
		 MHD_HTTP_POST_ENCODING_FORM_URLENCODED) ||
		 has_prefix(ctype, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)))
		c->pp = MHD_create_post_processor(mc, 16384, on_field, c);
	else if (ctype && r->is_post)
		c->unsupported = true;
	return c;
}

static void conn_body(struct conn *c, const char *data, size_t size)
{
	c->received += size;
	if (c->received > c->r.cfg->max_body) {
		c->too_big = true;
		return;
	}
	if (c->pp) {
		if (!c->too_many &&
		    MHD_post_process(c->pp, data, size) != MHD_YES &&
		    !c->too_many)
			c->unsupported = true;
	} else if (c->json || c->csv) {
		sb_add(&c->body, data, size);
	} else if (size) {
		c->unsupported = true;
	}
}

/* --- answering --- */

static void log_access(struct server *srv, struct conn *c, size_t bytes)
{
	struct timespec end;
	double ms;
	json_t *o;
	char *line, when[32];
	time_t now = time(NULL);
	struct tm tm;
	const char *path = c->r.path;

	if (!srv->log)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - c->start.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - c->start.tv_nsec) / 1e6;
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* a survey token is a secret: the log shows only which page */
	if (!strncmp(path, "/s/", 3) || !strncmp(path, "/api/survey/", 12))
		path = !strncmp(path, "/s/", 3) ? "/s/…" : "/api/survey/…";
	o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:f, s:I}",
		      "time", when, "addr", c->addr, "method", c->r.method,
		      "path", path, "status", c->r.status,
		      "bytes", (json_int_t)bytes, "ms", ms,
		      "user", (json_int_t)c->r.user.id);
	if (!o)
		return;
	line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (!line)
		return;
	pthread_mutex_lock(&srv->log_lock);
	fputs(line, srv->log);
	fputc('\n', srv->log);
	pthread_mutex_unlock(&srv->log_lock);
	free(line);
}

static enum MHD_Result answer(struct server *srv, struct MHD_Connection *mc,
			      struct conn *c)
{
	struct req *r = &c->r;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	size_t len;

	r->st = thread_store(srv->cfg);
	r->now = time(NULL);
	/* errors found before dispatch are JSON for the API too */
	r->api = !strncmp(r->path, "/api/", 5);
	if (c->too_big)
		web_fail(r, 413, "too_large", "the request is larger than %zu "
			 "bytes", r->cfg->max_body);
	else if (c->too_many)
		web_fail(r, 413, "too_many_fields", "the form has more than %zu "
			 "fields", r->cfg->max_fields);
	else if (c->unsupported)
		web_fail(r, 415, "unsupported_media_type", "send a form, "
			 "application/json or text/csv");
	else if (!r->st)
		web_fail(r, 503, "unavailable", "the database cannot be opened");
	else if (c->json && c->body.len && !(r->json = json_loadb(c->body.buf,
			c->body.len, JSON_REJECT_DUPLICATES, NULL)))
		web_fail(r, 400, "bad_json", "the request body is not valid "
			 "JSON");
	else {
		if (c->csv) {
			r->body = c->body.len ? c->body.buf : "";
			r->nbody = c->body.len;
		}
		web_dispatch(r);
	}

	len = r->out.len;
	resp = MHD_create_response_from_buffer(len, sb_detach(&r->out),
					       MHD_RESPMEM_MUST_FREE);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name,
					r->headers[i].value);
	ret = MHD_queue_response(mc, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	log_access(srv, c, len);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc,
				  const char *url, const char *method,
				  const char *version, const char *data,
				  size_t *size, void **state)
{
	struct server *srv = cls;
	struct conn *c = *state;
	(void)version;

	if (!c) {
		*state = conn_new(srv, mc, url, method);
		atomic_fetch_add(&srv->in_flight, 1);
		return MHD_YES;
	}
	if (*size) {
		conn_body(c, data, *size);
		*size = 0;
		return MHD_YES;
	}
	return answer(srv, mc, c);
}

static void on_done(void *cls, struct MHD_Connection *mc, void **state,
		    enum MHD_RequestTerminationCode code)
{
	struct server *srv = cls;
	struct conn *c = *state;
	(void)mc; (void)code;

	if (!c)
		return;
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	sb_release(&c->body);
	req_release(&c->r);
	free(c);
	*state = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

/* --- the daemon --- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss,
			socklen_t *len, struct strbuf *err)
{
	const char *colon = strrchr(listen, ':');
	char host[256];
	int64_t port;
	size_t hlen = colon ? (size_t)(colon - listen) : 0;

	memset(ss, 0, sizeof(*ss));
	if (!colon || hlen >= sizeof(host) || web_int(colon + 1, 0, 65535, &port)) {
		sb_addf(err, "listen: expected ADDRESS:PORT, got '%s'", listen);
		return -1;
	}
	memcpy(host, listen, hlen);
	host[hlen] = '\0';
	if (hlen > 2 && host[0] == '[' && host[hlen - 1] == ']') {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;
		host[hlen - 1] = '\0';
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*len = sizeof(*s6);
		if (inet_pton(AF_INET6, host + 1, &s6->sin6_addr) == 1)
			return 0;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		*len = sizeof(*s4);
		if (inet_pton(AF_INET, host, &s4->sin_addr) == 1)
			return 0;
	}
	sb_addf(err, "listen: '%s' is not a numeric IPv4 or [IPv6] address",
		host);
	return -1;
}

static FILE *open_log(const char *where, struct strbuf *err)
{
	FILE *f;

	if (!where || !*where || !strcmp(where, "off"))
		return NULL;
	if (!strcmp(where, "-"))
		return stderr;
	f = fopen(where, "a");
	if (!f)
		sb_addf(err, "cannot open the access log '%s': %s", where,
			strerror(errno));
	else
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

/* Wait for SIGTERM or SIGINT (blocked in every thread). */
static void wait_for_signal(const sigset_t *set)
{
	int sig;

	while (sigwait(set, &sig))
		;
}

int web_serve(const struct web_config *cfg, const struct kb *kb,
	      void (*ready)(unsigned port), struct strbuf *err)
{
	struct server srv = { .cfg = cfg, .kb = kb };
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;

	if (parse_listen(cfg->listen, &ss, &sslen, err))
		return -1;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	srv.log = open_log(cfg->access_log, err);
	if (!srv.log && err->len)
		return -1;
	pthread_mutex_init(&srv.log_lock, NULL);
	atomic_init(&srv.in_flight, 0);

	/* signals are taken by this thread only, with sigwait */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * The memory limit is each connection's pool for the request's
	 * headers and buffers (bodies pass through in pieces). libmicrohttpd
	 * zeroes the pool between requests: at 128 KB that was a tenth of
	 * the server's time on a GET (docs/bench.md); 32 KB (its default)
	 * still takes about 15 KB of request headers.
	 */
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, &srv,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, cfg->connections,
		MHD_OPTION_CONNECTION_TIMEOUT, cfg->timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, &srv,
		MHD_OPTION_END);
	if (!d) {
		sb_addf(err, "cannot listen on %s (is the port in use?)",
			cfg->listen);
		goto fail;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (ready)
		ready(info ? info->port : 0);

	wait_for_signal(&set);

	/* stop taking connections; let requests in flight finish (10 s) */
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 1000 && atomic_load(&srv.in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	if (srv.log && srv.log != stderr)
		fclose(srv.log);
	pthread_mutex_destroy(&srv.log_lock);
	return 0;
fail:
	if (srv.log && srv.log != stderr)
		fclose(srv.log);
	pthread_mutex_destroy(&srv.log_lock);
	return -1;
}
