import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { messageView } from '../../../src/shared/i18n.js';
import { configureViews, projectRoot } from '../../../src/shared/views.js';

describe('configureViews', () => {
  const app = express();
  configureViews(app);
  app.get('/message', (_req, res) => res.render('message', messageView('en', 'roundClosed')));

  it('finds the project root from a nested directory', () => {
    expect(existsSync(path.join(projectRoot(), 'package.json'))).to.equal(true);
    expect(projectRoot(path.join(projectRoot(), 'src', 'shared'))).to.equal(projectRoot());
  });

  it('renders .njk views by name', async () => {
    const response = await request(app).get('/message').expect(200).expect('content-type', /html/);
    expect(response.text).to.include('<html lang="en">').and.include('The questionnaire is closed');
  });

  it('serves dkfds and our own assets with caching headers', async () => {
    const css = await request(app).get('/static/dkfds/css/dkfds.min.css').expect(200).expect('content-type', /css/);
    expect(css.headers['cache-control']).to.match(/max-age=\d+/);
    await request(app).get('/static/dkfds/img/all-svg-icons.svg').expect(200);
    const script = await request(app).get('/static/js/form.js').expect(200).expect('content-type', /javascript/);
    expect(script.headers['cache-control']).to.match(/max-age=\d+/);
    await request(app).get('/static/css/pejling.css').expect(200);
    await request(app).get('/static/css/noscript.css').expect(200);
  });

  it('does not list directories', async () => {
    await request(app).get('/static/dkfds/').expect(404);
  });
});
