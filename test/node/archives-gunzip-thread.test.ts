// The archive tests again, with every gzip file inflated on the gunzip thread (src/node/gunzip.ts),
// which otherwise takes only files of 8 MiB and more: both paths must read, limit and report alike.
process.env.I2PD_DOCTOR_GUNZIP_THREAD_MIN_BYTES = '1';
await import('./archives.test.js');
