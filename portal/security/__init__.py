"""Site-wide security: Content-Security-Policy, admin login throttling and 2-factor login (TOTP)."""
