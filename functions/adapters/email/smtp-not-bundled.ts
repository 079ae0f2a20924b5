/**
 * Stands in for nodemailer's SMTP client in global-region bundles (esbuild alias, see
 * `lambdaAliases` in infra/constructs/bundling.ts). Global regions send through SES, and the Lambda
 * runtime has no nodemailer, so the SMTP sender is not bundled there; a function configured for SMTP
 * anyway fails when it first builds its sender, with this message, instead of at load.
 */
export default (() => {
  throw new Error(
    'EMAIL_TRANSPORT=smtp, but this bundle was built for a global region, where mail goes through SES and the SMTP client is left out (infra/constructs/bundling.ts). Use EMAIL_TRANSPORT=ses, or deploy to the China partition for SMTP.',
  );
})();
